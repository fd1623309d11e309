package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Statistics;
import io.portalgo.config.Environment;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.PortalgoSettings;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AgentControl} without an agent: real {@link LiveSettings} loaded from agent
 * arguments on a stock Linux host (range 32768-60999, nothing reserved, no system properties or
 * environment), real {@link Statistics}, and a count of {@link #rekey()} calls.
 */
public final class FakeAgentControl implements AgentControl {
    private static final Path RANGE_FILE = Path.of("/test/proc/ip_local_port_range");
    private static final Path RESERVED_FILE = Path.of("/test/proc/ip_local_reserved_ports");

    private final LiveSettings settings;
    private final Statistics statistics = new Statistics();
    private final AtomicInteger rekeys = new AtomicInteger();

    private FakeAgentControl(PortalgoSettings initial) {
        this.settings = new LiveSettings(initial);
    }

    /** Settings as {@code -javaagent:portalgo-agent.jar=<arguments>} would give on a stock host. */
    public static FakeAgentControl withArguments(String arguments) {
        return new FakeAgentControl(PortalgoSettings.load(arguments, stockHost()));
    }

    static Environment stockHost() {
        return Environment.builder().portRangeFile(RANGE_FILE).reservedPortsFile(RESERVED_FILE).files(path -> {
            if (path.equals(RANGE_FILE)) {
                return "32768\t60999\n";
            }
            if (path.equals(RESERVED_FILE)) {
                return "\n";
            }
            throw new NoSuchFileException(path.toString());
        }).build();
    }

    @Override
    public LiveSettings settings() {
        return settings;
    }

    @Override
    public Statistics statistics() {
        return statistics;
    }

    @Override
    public void rekey() {
        rekeys.incrementAndGet();
    }

    public int rekeys() {
        return rekeys.get();
    }

    @Override
    public String version() {
        return "0.1.0-test";
    }
}
