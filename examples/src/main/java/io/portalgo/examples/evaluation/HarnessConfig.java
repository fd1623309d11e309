package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.PortRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Every parameter of the harness, read from the commented defaults file
 * {@code evaluation.properties} (the Caffeine simulator's {@code reference.conf}) with
 * command-line overrides on top. A key that the defaults file does not know is an error, so a
 * typo never silently runs the default.
 */
public final class HarnessConfig {
    private static final String DEFAULTS = "evaluation.properties";

    private final Properties values;

    private HarnessConfig(Properties values) {
        this.values = values;
    }

    /** The defaults file alone. */
    public static HarnessConfig defaults() {
        return withOverrides(Map.of());
    }

    /**
     * The defaults with {@code overrides} applied.
     *
     * @throws IllegalArgumentException naming every unknown key
     */
    public static HarnessConfig withOverrides(Map<String, String> overrides) {
        Properties properties = new Properties();
        try (InputStream in = HarnessConfig.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TreeSet<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(properties.stringPropertyNames());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + unknown + "; known: "
                    + new TreeSet<>(properties.stringPropertyNames()));
        }
        overrides.forEach(properties::setProperty);
        return new HarnessConfig(properties);
    }

    /** A copy with one more override. */
    public HarnessConfig with(String key, String value) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting " + key);
        }
        Properties copy = new Properties();
        copy.putAll(values);
        copy.setProperty(key, value);
        return new HarnessConfig(copy);
    }

    public String text(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown setting " + key);
        }
        return value.trim();
    }

    public long longValue(String key) {
        try {
            return Long.parseLong(text(key).replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, not '" + text(key) + "'", e);
        }
    }

    public int intValue(String key) {
        return Math.toIntExact(longValue(key));
    }

    public double doubleValue(String key) {
        try {
            return Double.parseDouble(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + text(key) + "'", e);
        }
    }

    /** A comma-separated list of integers, such as {@code 1,2,4,8}. */
    public List<Integer> intList(String key) {
        List<Integer> list = new ArrayList<>();
        for (String part : text(key).split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return Collections.unmodifiableList(list);
    }

    /** A range written {@code min-max}. */
    public PortRange range(String key) {
        String[] ends = text(key).split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException(key + " must be min-max, not '" + text(key) + "'");
        }
        return PortRange.of(Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[1].trim()));
    }

    public long seed() {
        return longValue("seed");
    }

    public PortRange hostRange() {
        return range("range");
    }

    public long timeWaitMillis() {
        return longValue("time-wait-seconds") * 1000;
    }

    /** The settings in effect, sorted by key, as {@code key=value} lines (printed in the report). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (String key : new TreeSet<>(values.stringPropertyNames())) {
            lines.add(key + "=" + text(key));
        }
        return lines;
    }
}
