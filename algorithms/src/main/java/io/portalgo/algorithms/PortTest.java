package io.portalgo.algorithms;

/**
 * RFC 6056's {@code check_suitable_port()}: the caller's test of one candidate. The agent makes
 * it a real bind or a pinned connect; the simulator looks it up in a port table.
 */
@FunctionalInterface
public interface PortTest {
    boolean isSuitable(int port);
}
