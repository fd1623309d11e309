package io.portalgo.agent.runtime;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.Protocol;
import java.io.FileDescriptor;
import java.net.InetAddress;
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
    /** The flow of this thread's last connect or send, kept while the destination repeats (a pool, a resolver). */
    private Flow lastFlow;
    private InetAddress lastRemote;
    private int lastRemotePort = -1;
    private Protocol lastProtocol;

    private CallContext() {
    }

    /**
     * The flow to {@code remote:remotePort} with no known local address: the last one again when
     * the destination repeats, so a thread connecting to the same server builds it once
     * ({@link Flow} is immutable).
     */
    Flow flowTo(Protocol protocol, InetAddress remote, int remotePort) {
        if (protocol == lastProtocol && remotePort == lastRemotePort && remote.equals(lastRemote)) {
            return lastFlow;
        }
        Flow flow = Flow.of(protocol, null, remote, remotePort);
        lastFlow = flow;
        lastRemote = remote;
        lastRemotePort = remotePort;
        lastProtocol = protocol;
        return flow;
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
