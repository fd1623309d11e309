package io.portalgo.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a forked JVM printed and how it ended, with the agent's allocation lines parsed. */
public final class Run {
    /** The agent's debug line for each port it chose ({@code portalgo.log.level=debug}). */
    private static final Pattern CHOSE = Pattern.compile("\\[portalgo] debug: chose port=(\\d+) protocol=(\\w+) "
            + "family=(\\w+) algorithm=(\\w+) destination=(\\S+) probes=(\\d+) via=(\\w+)");

    private final int exitCode;
    private final List<String> stdout;
    private final List<String> stderr;

    Run(int exitCode, List<String> stdout, List<String> stderr) {
        this.exitCode = exitCode;
        this.stdout = List.copyOf(stdout);
        this.stderr = List.copyOf(stderr);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    /** Every port the agent says it chose, in order. */
    public List<Allocation> allocations() {
        List<Allocation> allocations = new ArrayList<>();
        for (String line : stderr) {
            Matcher matcher = CHOSE.matcher(line);
            if (matcher.matches()) {
                allocations.add(new Allocation(Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(3),
                        matcher.group(4), matcher.group(5), Integer.parseInt(matcher.group(6)), matcher.group(7)));
            }
        }
        return allocations;
    }

    /** stdout lines {@code RESULT key=value ...} of the scenario applications. */
    public List<Result> results() {
        List<Result> results = new ArrayList<>();
        for (String line : stdout) {
            if (line.startsWith("RESULT ")) {
                results.add(Result.parse(line));
            }
        }
        return results;
    }

    /** stderr without the agent's debug lines. */
    public List<String> stderrBeyondDebug() {
        List<String> lines = new ArrayList<>();
        for (String line : stderr) {
            if (!line.startsWith("[portalgo] debug: ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** For assertion messages. */
    public String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + String.join("\n", stdout) + "\n--- stderr\n" + String.join("\n", stderr);
    }

    /** One port chosen by the agent, as its debug line says. */
    public static final class Allocation {
        public final int port;
        public final String protocol;
        public final String family;
        public final String algorithm;
        public final String destination;
        public final int probes;
        public final String via;

        Allocation(int port, String protocol, String family, String algorithm, String destination, int probes, String via) {
            this.port = port;
            this.protocol = protocol;
            this.family = family;
            this.algorithm = algorithm;
            this.destination = destination;
            this.probes = probes;
            this.via = via;
        }

        @Override
        public String toString() {
            return port + " " + protocol + "/" + family + " " + algorithm + " -> " + destination + " (" + probes + ", " + via + ")";
        }
    }

    /** {@code RESULT scenario=tcp-connect port=40123 exchanged=true}. */
    public static final class Result {
        private final java.util.Map<String, String> fields;

        private Result(java.util.Map<String, String> fields) {
            this.fields = fields;
        }

        /** One {@code RESULT key=value ...} line. */
        public static Result parseLine(String line) {
            return parse(line);
        }

        static Result parse(String line) {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            for (String pair : line.substring("RESULT ".length()).trim().split(" ")) {
                int equals = pair.indexOf('=');
                fields.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            return new Result(fields);
        }

        public String get(String key) {
            return fields.get(key);
        }

        public int port() {
            return Integer.parseInt(fields.get("port"));
        }

        @Override
        public String toString() {
            return fields.toString();
        }
    }
}
