package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import org.junit.jupiter.api.Test;

class DefaultsTest {
    @Test
    void tcpDefaultsToDoublehashAndUdpToRandomPick() {
        PortalgoSettings settings = PortalgoSettings.defaults();
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET6)).isEqualTo(Algorithm.DOUBLEHASH);
        assertThat(settings.algorithm(Protocol.UDP, AddressFamily.INET)).isEqualTo(Algorithm.RANDOM_PICK);
    }
}
