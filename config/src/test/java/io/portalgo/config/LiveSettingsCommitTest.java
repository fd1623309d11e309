package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committer: what a runtime builds for a change happens before it is in force, or refuses it. */
class LiveSettingsCommitTest {
    private static PortalgoSettings load(String arguments) {
        return PortalgoSettings.load(arguments, TestEnvironments.host().build());
    }

    @Test
    void theCommitterSeesAValidChangeBeforeItIsInForce() {
        LiveSettings live = new LiveSettings(load("algorithm=random_pick"));
        PortalgoSettings before = live.current();
        List<PortalgoSettings> inForceWhenCommitted = new ArrayList<>();
        List<PortalgoSettings> committed = new ArrayList<>();
        live.commitWith(next -> {
            inForceWhenCommitted.add(live.current());
            committed.add(next);
        });

        PortalgoSettings next = live.apply(Map.of("tcp.algorithm", "bsd"), Source.LIVE);

        assertThat(committed).containsExactly(next);
        assertThat(inForceWhenCommitted).containsExactly(before);
        assertThat(live.current()).isSameAs(next);
    }

    @Test
    void aCommitterThatFailsRefusesTheChangeWhole() {
        LiveSettings live = new LiveSettings(load("algorithm=random_pick"));
        PortalgoSettings before = live.current();
        List<PortalgoSettings> heard = new ArrayList<>();
        live.onChange(heard::add);
        live.commitWith(next -> {
            throw new OutOfMemoryError("no room for a 64 MiB counter table");
        });

        assertThatThrownBy(() -> live.apply(Map.of("doublehash.table-size", "16777216"), Source.LIVE))
                .isInstanceOf(OutOfMemoryError.class);

        assertThat(live.current()).isSameAs(before);
        assertThat(heard).isEmpty();
    }

    @Test
    void anInvalidChangeNeverReachesTheCommitter() {
        LiveSettings live = new LiveSettings(load("algorithm=random_pick"));
        List<PortalgoSettings> committed = new ArrayList<>();
        live.commitWith(committed::add);

        assertThatThrownBy(() -> live.apply(Map.of("range", "70000-80000"), Source.LIVE))
                .isInstanceOf(ConfigException.class);

        assertThat(committed).isEmpty();
    }
}
