package io.portalgo.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

/**
 * Reads the properties file named by {@code portalgo.config}: its text in UTF-8, parsed by
 * {@link Properties#load(java.io.Reader)} (so {@code key = value}, {@code key: value},
 * {@code #} comments and {@code \} continuations work as in any properties file). A class of its
 * own so that a JVM without such a file never loads the reader classes it needs: settings are
 * read before {@code main} in every JVM.
 */
final class PropertiesFile {
    private PropertiesFile() {
    }

    /** The entries of the file {@code path}, read through {@code environment}. */
    static Properties read(Environment environment, String path) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(environment.read(path)));
        return properties;
    }
}
