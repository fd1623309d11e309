package io.portalgo.agent.installer;

import java.util.List;

/**
 * The names the class cache needs on every start-up, as plain strings: reading them here loads
 * neither ByteBuddy nor the advice classes (whose bytes are only read as resources).
 */
final class AdvisedClasses {
    static final String NET = "sun.nio.ch.Net";
    static final String NET_HOOKS = "sun.net.NetHooks";
    static final String DATAGRAM_CHANNEL = "sun.nio.ch.DatagramChannelImpl";
    static final String SERVER_CHANNEL = "sun.nio.ch.ServerSocketChannelImpl";
    static final String ASYNC_SERVER_CHANNEL = "sun.nio.ch.AsynchronousServerSocketChannelImpl";
    static final String SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    /** The JDK classes that get advice. */
    static final List<String> TARGETS = List.of(NET, NET_HOOKS, DATAGRAM_CHANNEL, SERVER_CHANNEL, ASYNC_SERVER_CHANNEL,
            SOCKET_IMPL);
    /** The agent classes whose bytes decide what the advised classes look like (for {@link TransformCache}). */
    static final List<String> SHAPING_CLASSES = List.of("io.portalgo.agent.installer.JdkAdviceWeaver", Remapped.TEMPLATE,
            "io.portalgo.agent.javabase.advice.NetBindAdvice", "io.portalgo.agent.javabase.advice.NetConnectAdvice",
            "io.portalgo.agent.javabase.advice.TcpConnectAdvice", "io.portalgo.agent.javabase.advice.UdpSendAdvice",
            "io.portalgo.agent.javabase.advice.UdpFirstArgumentAdvice", "io.portalgo.agent.javabase.advice.DatagramBindAdvice",
            "io.portalgo.agent.javabase.advice.NetLocalAddressAdvice", "io.portalgo.agent.javabase.advice.ListenerBindAdvice",
            "io.portalgo.agent.javabase.advice.SocketImplBindAdvice");

    private AdvisedClasses() {
    }
}
