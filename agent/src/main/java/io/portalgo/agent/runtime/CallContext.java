package io.portalgo.agent.runtime;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.FlowView;
import io.portalgo.algorithms.MutableFlow;
import io.portalgo.algorithms.Protocol;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What the advice tells the agent about the socket call under way on this thread, and the
 * thread's reusable {@link PortSearch} and {@link MutableFlow}, so that a substitution allocates
 * nothing of its own. The JDK's paths are synchronous on one thread, virtual
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
    /** This thread's flow, refilled for each search, so a new destination allocates nothing. */
    private final MutableFlow flow = new MutableFlow();
    /** The destination {@link #flow} was last filled for by {@link #flowTo}, or null after any other fill. */
    private InetAddress lastRemote;
    private int lastRemotePort = -1;
    private Protocol lastProtocol;

    private CallContext() {
    }

    /**
     * The flow to {@code remote:remotePort} with no known local address, in this thread's
     * {@link MutableFlow}: left as it is when the destination repeats (a pool, a resolver), refilled
     * otherwise. Valid until the thread's next search.
     */
    FlowView flowTo(Protocol protocol, InetAddress remote, int remotePort) {
        if (protocol == lastProtocol && remotePort == lastRemotePort && remote.equals(lastRemote)) {
            return flow;
        }
        lastRemote = null; // a refill that throws leaves no stale match behind
        flow.set(protocol, null, remote, remotePort);
        lastRemote = remote;
        lastRemotePort = remotePort;
        lastProtocol = protocol;
        return flow;
    }

    /**
     * The flow from {@code local} (null: unknown, in {@code family}) to {@code remote} (null:
     * unknown) in this thread's {@link MutableFlow}; a local address of the other family than the
     * remote's says nothing and is left unknown. Valid until the thread's next search.
     */
    FlowView flowFrom(Protocol protocol, AddressFamily family, InetAddress local, InetSocketAddress remote) {
        lastRemote = null;
        if (remote != null) {
            return flow.set(protocol, local, remote.getAddress(), remote.getPort());
        }
        return local != null ? flow.set(protocol, local, null, 0) : flow.setUnknownDestination(protocol, family);
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
