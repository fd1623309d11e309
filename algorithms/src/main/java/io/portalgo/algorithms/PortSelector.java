package io.portalgo.algorithms;

/**
 * One algorithm's state for one (protocol, address family), as NetBSD keeps a slot per
 * protocol and family. Thread-safe without a global lock. Create with
 * {@link Algorithm#create(SelectorSettings, Entropy)}.
 */
public interface PortSelector {
    Algorithm algorithm();

    SelectorSettings settings();

    /** The candidates for one allocation to {@code flow}. */
    PortCursor open(Flow flow);

    /** Draws fresh keys now (JMX {@code rekey()}); no effect on algorithms without keys. */
    void rekey();

    /** RFC 6056's loop: the first candidate that passes {@code test}, or exhaustion. */
    default Selection select(Flow flow, SuitablePort test) {
        return select(flow, test, Integer.MAX_VALUE);
    }

    /** As {@link #select(Flow, SuitablePort)}, stopping after {@code maxProbes} candidates. */
    default Selection select(Flow flow, SuitablePort test, int maxProbes) {
        PortCursor cursor = open(flow);
        while (cursor.probes() < maxProbes) {
            int port = cursor.next();
            if (port == PortCursor.NO_PORT) {
                break;
            }
            if (test.isSuitable(port)) {
                cursor.accept();
                return Selection.found(port, cursor.probes());
            }
        }
        return Selection.exhausted(cursor.probes());
    }
}
