package io.portalgo.config;

/** The README options table, rendered from the registry: one row per {@link Property}. */
final class OptionsTable {
    static final String HEADER = "| property | env var | default | meaning |\n|---|---|---|---|\n";

    private OptionsTable() {
    }

    static String render() {
        StringBuilder table = new StringBuilder(HEADER);
        for (Property<?> property : Property.all()) {
            table.append(row(property)).append('\n');
        }
        return table.toString();
    }

    static String row(Property<?> property) {
        return "| `" + property.key() + "` | `" + property.envVar() + "` | " + property.documentedDefault() + " | "
                + property.meaning() + " |";
    }

    /** Prints the table, to paste between the README's options markers. */
    public static void main(String[] args) {
        System.out.print(render());
    }
}
