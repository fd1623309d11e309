package io.portalgo.algorithms;

/**
 * The transport protocol a port is chosen for. TCP and UDP keep separate selector state and
 * hash differently (the protocol is part of the hashed input), so the two never share a sequence.
 */
public enum Protocol {
    TCP,
    UDP;

    /** Lower-case name as used in property names ({@code portalgo.tcp.algorithm}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
