package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's options table and the registry must say the same thing, row for row. */
class ReadmeOptionsTableTest {
    private static final String BEGIN = "<!-- options:begin -->";
    private static final String END = "<!-- options:end -->";

    /** The README of the repository: the nearest README.md above the working directory that has the markers. */
    static Path readme() throws IOException {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.readString(candidate).contains(BEGIN)) {
                return candidate;
            }
        }
        throw new AssertionError("no README.md with " + BEGIN + " above " + Path.of("").toAbsolutePath());
    }

    static String optionsSection() throws IOException {
        String text = Files.readString(readme());
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        return text.substring(begin + BEGIN.length(), end);
    }

    /** Rows of the table whose first cell is a property, each split into its four trimmed cells. */
    static List<List<String>> tableRows(String section) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("| `portalgo.")) {
                continue;
            }
            assertThat(trimmed).endsWith("|");
            List<String> cells = new ArrayList<>();
            for (String cell : trimmed.substring(1, trimmed.length() - 1).split(" \\| ", -1)) {
                cells.add(cell.trim());
            }
            assertThat(cells).as(line).hasSize(4);
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void theTableListsEveryPropertyAsTheRegistryDoes() throws IOException {
        String section = optionsSection();
        List<List<String>> rows = tableRows(section);
        List<List<String>> expected = new ArrayList<>();
        for (Property<?> property : Property.all()) {
            expected.add(List.of("`" + property.key() + "`", "`" + property.envVar() + "`", property.documentedDefault(),
                    property.meaning()));
        }
        if (!rows.equals(expected)) {
            fail("README options table and the Property registry disagree; the table from the registry is:%n%s%nREADME rows: %s",
                    OptionsTable.render(), rows);
        }
        assertThat(section).contains(OptionsTable.HEADER);
    }

    /** The documented default is what {@code get} shows on a host without procfs. */
    @Test
    void documentedDefaultsAreTheDefaults() {
        Map<String, String> defaults = PortalgoSettings.load(null, TestEnvironments.notLinux().build()).toMap();
        for (Property<?> property : Property.all()) {
            if (property.hostDefault()) {
                String fallback = defaults.get(property.key());
                assertThat(property.documentedDefault()).as(property.key())
                        .contains(fallback.isEmpty() ? "else none" : "else `" + fallback + "`").contains("Linux");
                continue;
            }
            String documented = property.documentedDefault();
            String expected = documented.startsWith("`") ? documented.substring(1, documented.length() - 1) : "";
            assertThat(documented).as(property.key()).isIn("`" + expected + "`", "(unset)", "(none)");
            assertThat(defaults.get(property.key())).as(property.key()).isEqualTo(expected);
        }
    }

    @Test
    void theConfigurationParagraphExplainsSourcesSyntaxAndScopes() throws IOException {
        String section = optionsSection();
        assertThat(section).contains("### Configuration", "reserved=1,2-4,10,algorithm=hash", "PORTALGO_TCP_ALGORITHM",
                "most specific", "portalgo.config");
    }

    @Test
    void jmxStyleNamesAreDerivedFromTheKeys() {
        assertThat(Property.DOUBLEHASH_TABLE_SIZE.attributeName()).isEqualTo("DoublehashTableSize");
        assertThat(Property.TCP_INET6_ALGORITHM.attributeName()).isEqualTo("TcpInet6Algorithm");
        assertThat(Property.ON_EXHAUSTION.attributeName()).isEqualTo("OnExhaustion");
        assertThat(Property.all()).extracting(Property::attributeName).doesNotHaveDuplicates();
    }
}
