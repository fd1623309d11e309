package io.portalgo.config;

import java.io.FileInputStream;
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
 *
 * <p>The real host's files are opened with {@code java.io}, by name: the agent reads its
 * settings before {@code main} in every JVM, where a first {@code java.nio.file.Path} loads and
 * initialises the file-system provider and {@code Files.newInputStream} about 30 channel
 * classes more. {@code java.nio.file} is used only where a reader is injected
 * ({@link Builder#files}) and to put a failure into words ({@link #read}).
 */
public final class Environment {
    /** Linux's ephemeral range, {@code net.ipv4.ip_local_port_range}: two numbers, e.g. {@code 32768	60999}. */
    public static final String LINUX_PORT_RANGE = "/proc/sys/net/ipv4/ip_local_port_range";
    /** Linux's reserved ports, {@code net.ipv4.ip_local_reserved_ports}: a list like {@code 8080,9000-9010}, often empty. */
    public static final String LINUX_RESERVED_PORTS = "/proc/sys/net/ipv4/ip_local_reserved_ports";

    /** Reads a whole text file. */
    @FunctionalInterface
    public interface FileReader {
        String read(Path path) throws IOException;
    }

    private final Map<String, String> systemProperties;
    private final Map<String, String> variables;
    /** Null for the host's own files. */
    private final FileReader files;
    private final String portRangeFile;
    private final String reservedPortsFile;

    private Environment(Map<String, String> systemProperties, Map<String, String> variables, FileReader files,
            String portRangeFile, String reservedPortsFile) {
        this.systemProperties = Map.copyOf(systemProperties);
        this.variables = Map.copyOf(variables);
        this.files = files;
        this.portRangeFile = portRangeFile;
        this.reservedPortsFile = reservedPortsFile;
    }

    /** This JVM's system properties and environment (copied now), real files, Linux's procfs paths. */
    public static Environment system() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            if (property.getKey() instanceof String && property.getValue() instanceof String) {
                properties.put((String) property.getKey(), (String) property.getValue());
            }
        }
        return new Environment(properties, System.getenv(), null, LINUX_PORT_RANGE, LINUX_RESERVED_PORTS);
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

    /**
     * The text of the file {@code name}, for a file whose failure is shown to the user (the
     * properties file). A failure is reported in {@code java.nio.file}'s words, as it always was:
     * {@code NoSuchFileException: /etc/portalgo.properties}, not {@code java.io}'s
     * {@code FileNotFoundException: /etc/portalgo.properties (No such file or directory)}.
     */
    String read(String name) throws IOException {
        if (files != null) {
            return files.read(Path.of(name));
        }
        try {
            return readFile(name);
        } catch (IOException failure) {
            // Only now the file system of java.nio.file: read again, for its exception.
            return readStream(Path.of(name));
        }
    }

    /** The text of the host file {@code name} (procfs); its failure only means "not Linux", so it is not put in words. */
    String readHostFile(String name) throws IOException {
        return files != null ? files.read(Path.of(name)) : readFile(name);
    }

    /** Reads to the end whatever size the file reports: procfs reports 0 ({@link #readStream}). */
    private static String readFile(String name) throws IOException {
        try (InputStream in = new FileInputStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String portRangeFile() {
        return portRangeFile;
    }

    String reservedPortsFile() {
        return reservedPortsFile;
    }

    /** Assembles an {@link Environment}. */
    public static final class Builder {
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> variables = new LinkedHashMap<>();
        private FileReader files;
        private String portRangeFile = LINUX_PORT_RANGE;
        private String reservedPortsFile = LINUX_RESERVED_PORTS;

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

        /** Reads every file through {@code files} instead of the host's file system. */
        public Builder files(FileReader files) {
            this.files = Objects.requireNonNull(files);
            return this;
        }

        /** Where the host's ephemeral range is read from; a missing file means "not Linux". */
        public Builder portRangeFile(Path path) {
            this.portRangeFile = path.toString();
            return this;
        }

        /** Where the host's reserved ports are read from; a missing file means none. */
        public Builder reservedPortsFile(Path path) {
            this.reservedPortsFile = path.toString();
            return this;
        }

        public Environment build() {
            return new Environment(systemProperties, variables, files, portRangeFile, reservedPortsFile);
        }
    }
}
