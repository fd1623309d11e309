package io.portalgo.algorithms;

/**
 * RFC 6056's {@code check_suitable_port()} (§3.3.1's pseudo-code): the caller's answer to "may
 * this candidate be used?". The agent answers with a real bind or a pinned connect; the
 * simulator looks the port up in its port table. A selector only proposes candidates; this test
 * decides.
 */
@FunctionalInterface
public interface SuitablePort {
    /** True if {@code port} is free for this allocation and now taken by the caller. */
    boolean isSuitable(int port);
}
