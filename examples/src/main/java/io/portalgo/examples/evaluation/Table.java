package io.portalgo.examples.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A results table: one row per policy (or per configuration), columns in a fixed order, cells
 * already formatted, so the Markdown and the CSV say exactly the same thing. Numbers are
 * formatted with {@link Locale#ROOT}, never the machine's locale: the report must not change with
 * where it is generated.
 */
public final class Table {
    private final String name;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String name, String... headers) {
        this.name = name;
        this.headers = List.of(headers);
    }

    /** The file stem of its CSV, e.g. {@code main} for {@code main.csv}. */
    public String name() {
        return name;
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(name + ": " + cells.length + " cells for " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(Collections.unmodifiableList(row));
        return this;
    }

    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", headers)).append(" |\n");
        out.append("|");
        for (int i = 0; i < headers.size(); i++) {
            out.append(i == 0 ? "---|" : "---:|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    public String toCsv() {
        StringBuilder out = new StringBuilder();
        out.append(csvLine(headers));
        for (List<String> row : rows) {
            out.append(csvLine(row));
        }
        return out.toString();
    }

    public void writeCsv(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".csv"), toCsv(), StandardCharsets.UTF_8);
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            String plain = cell.replace("`", "");
            quoted.add(plain.contains(",") || plain.contains("\"") ? '"' + plain.replace("\"", "\"\"") + '"' : plain);
        }
        return String.join(",", quoted) + "\n";
    }

    /** {@code value} with {@code decimals} decimals; "n/a" for NaN. */
    public static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** An integer with thousands separators, as the prose writes them: 16,384. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A probability: fixed for the readable range, scientific below 0.001. */
    public static String probability(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value != 0 && Math.abs(value) < 0.001) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    public static String percent(double fraction, int decimals) {
        return number(fraction * 100, decimals) + " %";
    }
}
