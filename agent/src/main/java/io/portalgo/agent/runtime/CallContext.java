package io.portalgo.agent.runtime;

import java.io.FileDescriptor;
import java.net.InetSocketAddress;

/**
 * What the advice tells the agent about the socket call under way on this thread, and the
 * thread's reusable {@link PortSearch}. The JDK's paths are synchronous on one thread, virtual
 * threads included: a datagram channel's implicit bind happens inside its {@code send}, and a
 * connect's exit follows its {@code NetHooks.beforeTcpConnect} on the same thread. So the
 * protocol comes from the caller ({@code DatagramChannelImpl.bindInternal} means UDP; every other
 * {@code Net.bind} is TCP), listeners are told by their binds instead of a walk up the stack,
 * and a pinned connect is
 * retried without any shared map.
 */
final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    /** Inside {@code DatagramChannelImpl.bindInternal}: the bind under way is UDP. */
    boolean udpBinding;
    /** Inside a listening socket's bind. */
    boolean listenerBinding;
    /** Where the datagrams of the send or connect under way go, or null. */
    InetSocketAddress udpDestination;
    /** The socket whose pinned connect is in flight, or null. */
    FileDescriptor pinned;
    /** A pinned connect succeeded: the port the JDK should read back, until it does. */
    FileDescriptor verify;
    int verifyPort;
    final PortSearch search = new PortSearch();

    private CallContext() {
    }

    static CallContext current() {
        CallContext context = CURRENT.get();
        if (context == null) {
            context = new CallContext();
            CURRENT.set(context);
        }
        return context;
    }
}
