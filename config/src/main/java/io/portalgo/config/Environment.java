package io.portalgo.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link PortalgoSettings#load(String, Environment)} reads besides the agent arguments:
 * system properties, environment variables, files (the {@code portalgo.config} properties file)
 * and the host's port files. {@link #system()} is the real JVM and host; tests build their own.
 */
public final class Environment {
    /** Linux's ephemeral range, {@code net.ipv4.ip_local_port_range}: two numbers, e.g. {@code 32768	60999}. */
    public static final Path LINUX_PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's reserved ports, {@code net.ipv4.ip_local_reserved_ports}: a list like {@code 8080,9000-9010}, often empty. */
    public static final Path LINUX_RESERVED_PORTS = Path.of("/proc/sys/net/ipv4/ip_local_reserved_ports");

    /** Reads a whole text file. */
    @FunctionalInterface
    public interface FileReader {
        String read(Path path) throws IOException;
    }

    private final Map<String, String> systemProperties;
    private final Map<String, String> variables;
    private final FileReader files;
    private final Path portRangeFile;
    private final Path reservedPortsFile;

    private Environment(Builder builder) {
        this.systemProperties = Map.copyOf(builder.systemProperties);
        this.variables = Map.copyOf(builder.variables);
        this.files = builder.files;
        this.portRangeFile = builder.portRangeFile;
        this.reservedPortsFile = builder.reservedPortsFile;
    }

    /** This JVM's system properties and environment (copied now), real files, Linux's procfs paths. */
    public static Environment system() {
        Builder builder = builder();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String && value instanceof String) {
                builder.systemProperty((String) key, (String) value);
            }
        });
        return builder.environment(System.getenv()).build();
    }

    /** No system properties, no environment variables; real files and Linux's procfs paths until changed. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code path} as a stream. {@code Files.readAllBytes} trusts the file size, which procfs
     * reports as 0: on this kernel it returned one byte of {@code ip_local_port_range}.
     */
    public static String readStream(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Map<String, String> systemProperties() {
        return systemProperties;
    }

    Map<String, String> variables() {
        return variables;
    }

    String read(Path path) throws IOException {
        return files.read(path);
    }

    Path portRangeFile() {
        return portRangeFile;
    }

    Path reservedPortsFile() {
        return reservedPortsFile;
    }

    /** Assembles an {@link Environment}. */
    public static final class Builder {
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> variables = new LinkedHashMap<>();
        private FileReader files = Environment::readStream;
        private Path portRangeFile = LINUX_PORT_RANGE;
        private Path reservedPortsFile = LINUX_RESERVED_PORTS;

        private Builder() {
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public Builder environmentVariable(String name, String value) {
            variables.put(name, value);
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            this.variables.putAll(variables);
            return this;
        }

        public Builder files(FileReader files) {
            this.files = Objects.requireNonNull(files);
            return this;
        }

        /** Where the host's ephemeral range is read from; a missing file means "not Linux". */
        public Builder portRangeFile(Path path) {
            this.portRangeFile = Objects.requireNonNull(path);
            return this;
        }

        /** Where the host's reserved ports are read from; a missing file means none. */
        public Builder reservedPortsFile(Path path) {
            this.reservedPortsFile = Objects.requireNonNull(path);
            return this;
        }

        public Environment build() {
            return new Environment(this);
        }
    }
}
