package io.portalgo.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Environments for tests: nothing from this JVM, in-memory files, a fixed host range unless asked. */
final class TestEnvironments {
    /** Where the in-memory host files live; the range file says 32768-60999 like a stock Linux. */
    static final Path RANGE_FILE = Path.of("/test/proc/ip_local_port_range");
    static final Path RESERVED_FILE = Path.of("/test/proc/ip_local_reserved_ports");
    static final String PROPERTIES_FILE = "/test/etc/portalgo.properties";

    private TestEnvironments() {
    }

    /** A builder whose files come from {@code files}, with a stock Linux host (32768-60999, nothing reserved). */
    static Environment.Builder host(Map<String, String> files) {
        Map<String, String> all = new HashMap<>();
        all.put(RANGE_FILE.toString(), "32768\t60999\n");
        all.put(RESERVED_FILE.toString(), "\n");
        all.putAll(files);
        return Environment.builder().portRangeFile(RANGE_FILE).reservedPortsFile(RESERVED_FILE).files(path -> {
            String content = all.get(path.toString());
            if (content == null) {
                throw new NoSuchFileException(path.toString());
            }
            return content;
        });
    }

    static Environment.Builder host() {
        return host(Map.of());
    }

    /** A stock host plus a properties file at {@link #PROPERTIES_FILE} named by a system property. */
    static Environment.Builder withPropertiesFile(String content) {
        return host(Map.of(PROPERTIES_FILE, content)).systemProperty("portalgo.config", PROPERTIES_FILE);
    }

    /** A host with no readable port files, as on macOS or Windows. */
    static Environment.Builder notLinux() {
        return Environment.builder().portRangeFile(Path.of("/nonexistent/range")).reservedPortsFile(Path.of("/nonexistent/reserved"))
                .files(path -> {
                    throw new IOException("no such file: " + path);
                });
    }
}
