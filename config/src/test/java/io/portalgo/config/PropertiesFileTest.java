package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The properties file on the host's own file system, read without {@code java.nio.file} (see {@link Environment}). */
class PropertiesFileTest {
    @Test
    void aRealFileIsReadInUtf8(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("portalgo.properties"), "# ports for the café\nrange = 40000-40999\n"
                + "portalgo.tcp.mode: pin\n");
        PortalgoSettings settings = PortalgoSettings.load(null,
                Environment.builder().systemProperty("portalgo.config", file.toString()).build());
        assertThat(settings.get("range")).isEqualTo("40000-40999");
        assertThat(settings.tcpMode()).isEqualTo(TcpMode.PIN);
        assertThat(settings.origin(Property.RANGE)).hasToString("properties file " + file);
    }

    @Test
    void aMissingFileIsReportedInJavaNioFilesWords(@TempDir Path directory) {
        String missing = directory.resolve("missing.properties").toString();
        assertThatThrownBy(() -> PortalgoSettings.load(null, Environment.builder().systemProperty("portalgo.config", missing).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("portalgo.config=" + missing + " (system property): cannot read the properties file "
                        + "(NoSuchFileException: " + missing + "); expected the path of a properties file");
    }

    @Test
    void aDirectoryIsReportedAsJavaNioFileReportsIt(@TempDir Path directory) {
        // The words are the C library's (Is a directory), so the oracle is java.nio.file itself.
        Throwable nio = catchThrowable(() -> Environment.readStream(directory));
        assertThat(nio).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PortalgoSettings.load(null,
                Environment.builder().systemProperty("portalgo.config", directory.toString()).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("portalgo.config=" + directory + " (system property): cannot read the properties file ("
                        + nio.getClass().getSimpleName() + ": " + nio.getMessage() + "); expected the path of a properties file");
    }
}
