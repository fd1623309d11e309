package io.portalgo.agent.runtime;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortCursor;
import java.io.FileDescriptor;

/**
 * A pin-mode connect in flight on one thread: the socket, the candidates left and the port pinned
 * now. Made in {@code beforeTcpConnect}, read at the exit of {@code Net.connect} on the same
 * (possibly virtual) thread, which is the order every JDK path follows (shared/research pitfall 17).
 */
final class PendingPin {
    final FileDescriptor fd;
    final Flow flow;
    final Algorithm algorithm;
    final PortCursor cursor;
    int port;
    int attempts = 1;

    PendingPin(FileDescriptor fd, Flow flow, Algorithm algorithm, PortCursor cursor, int port) {
        this.fd = fd;
        this.flow = flow;
        this.algorithm = algorithm;
        this.cursor = cursor;
        this.port = port;
    }
}
