package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.SelectorSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The evaluation harness's command line: {@code report} (the simulator, writes
 * {@code docs/EVALUATION.md}), {@code real} (real loopback sockets under the agent), {@code attack}
 * (one tracking-attack run with chosen settings). Parameters come from
 * {@code evaluation.properties}; {@code --set key=value} overrides any of them.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "RFC 6056 port-selection algorithms on identical workloads: simulated and real.",
        subcommands = {Evaluate.ReportCommand.class, RealSockets.Command.class, Evaluate.AttackCommand.class})
public final class Evaluate implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new Evaluate()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every subcommand shares. */
    static final class Common {
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of evaluation.properties.")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--algorithms", split = ",", paramLabel = "ID", description = "Only these algorithms (default: all six).")
        List<String> algorithms = new ArrayList<>();

        HarnessConfig config() {
            return HarnessConfig.withOverrides(overrides);
        }

        PolicyRegistry registry(HarnessConfig config) {
            return PolicyRegistry.standard(config.hostRange()).select(algorithms);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Run the simulator and write EVALUATION.md, its PNG figures and CSV tables.")
    static final class ReportCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Option(names = "--docs", defaultValue = "docs", description = "Where EVALUATION.md and the PNGs go (default: ${DEFAULT-VALUE}).")
        Path docs;

        @Option(names = "--csv", defaultValue = "examples/target/evaluation", description = "Where the CSVs go (default: ${DEFAULT-VALUE}).")
        Path csv;

        @Override
        public Integer call() throws Exception {
            HarnessConfig config = common.config();
            Report.generate(config, common.registry(config), docs, csv);
            System.out.println("wrote " + docs.resolve(Report.FILE) + ", " + docs + "/evaluation-*.png and " + csv + "/*.csv");
            return 0;
        }
    }

    @Command(name = "attack", mixinStandardHelpOptions = true,
            description = "One run of the Kol-Klein-Gilad tracking attack against a doublehash victim.")
    static final class AttackCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Option(names = "--table-size", defaultValue = "65536", description = "Victim's L (default: ${DEFAULT-VALUE}).")
        int tableSize;

        @Option(names = "--noise", defaultValue = "7", description = "Victim's noise (default: ${DEFAULT-VALUE}).")
        int noise;

        @Option(names = "--rekey-ms", defaultValue = "10000", description = "Victim's key epoch, 0 = never (default: ${DEFAULT-VALUE}).")
        long rekeyMillis;

        @Override
        public Integer call() {
            HarnessConfig config = common.config();
            SelectorSettings settings = SelectorSettings.builder().range(config.hostRange()).tableSize(tableSize)
                    .noise(noise).rekeyMillis(rekeyMillis).build();
            TrackingAttack.Outcome outcome = TrackingAttack.run(settings, config);
            System.out.println(outcome);
            System.out.println("40 x L = " + Table.count(40L * tableSize));
            return outcome.recovered() ? 0 : 1;
        }
    }
}
