package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's algorithm table is the {@link Algorithm} enum: same ids, order, sections, state and trade-off. */
class ReadmeAlgorithmTableTest {
    @Test
    void readmeTableMatchesTheEnum() throws IOException {
        List<String> expected = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            String section = "§" + algorithm.rfcSection()
                    + (algorithm.rfcSection().startsWith("3.3.") ? " (Alg. " + algorithm.rfcSection().substring(4) + ")" : "");
            expected.add("| `" + algorithm.id() + "` | " + section + " | " + algorithm.state() + " | " + algorithm.tradeOff() + " |");
        }
        assertThat(tableRows()).containsExactlyElementsOf(expected);
    }

    private static List<String> tableRows() throws IOException {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("<!-- algorithms:begin -->"), readme.indexOf("<!-- algorithms:end -->"));
        List<String> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| `")) {
                rows.add(line.strip());
            }
        }
        return rows;
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("algorithms"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md of the project not found above " + Path.of("").toAbsolutePath());
    }
}
