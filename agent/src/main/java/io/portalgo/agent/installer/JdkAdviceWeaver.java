package io.portalgo.agent.installer;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.portalgo.agent.javabase.advice.DatagramBindAdvice;
import io.portalgo.agent.javabase.advice.ListenerBindAdvice;
import io.portalgo.agent.javabase.advice.NetBindAdvice;
import io.portalgo.agent.javabase.advice.NetConnectAdvice;
import io.portalgo.agent.javabase.advice.NetLocalAddressAdvice;
import io.portalgo.agent.javabase.advice.SocketImplBindAdvice;
import io.portalgo.agent.javabase.advice.TcpConnectAdvice;
import io.portalgo.agent.javabase.advice.UdpFirstArgumentAdvice;
import io.portalgo.agent.javabase.advice.UdpSendAdvice;
import java.io.FileDescriptor;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the advice into the six JDK classes where ephemeral ports are assigned
 * (docs/ARCHITECTURE.md, section 3) from their class bytes, with ByteBuddy, inside
 * {@link JdkAdviceTransformer} when the class cache has no entry for them:
 * <ul>
 *   <li>{@code sun.nio.ch.Net}: {@code bind(ProtocolFamily, FileDescriptor, InetAddress, int)},
 *       {@code connect(ProtocolFamily, FileDescriptor, InetAddress, int)} and
 *       {@code localAddress(FileDescriptor)} (a pinned connect's port, as the JDK reads it back);</li>
 *   <li>{@code sun.net.NetHooks}: {@code beforeTcpConnect(FileDescriptor, InetAddress, int)};</li>
 *   <li>{@code sun.nio.ch.DatagramChannelImpl}: {@code send}, {@code blockingSend} and
 *       {@code connect(SocketAddress, boolean)}, to hand the destination to an implicit bind, and
 *       {@code bindInternal(SocketAddress)}, which tells that a bind is UDP;</li>
 *   <li>the listeners' binds, {@code ServerSocketChannelImpl.netBind},
 *       {@code AsynchronousServerSocketChannelImpl.bind} and {@code NioSocketImpl.bind} of a
 *       server socket, which tell that a bind is a listener's.</li>
 * </ul>
 * Only advice is added ({@code decorate}, no new members, no implementation context), so the
 * class keeps its shape and a retransformation by any agent stays possible. The class is
 * described from the bytes at hand and the JDK's resources, never loaded. ByteBuddy's agent
 * builder is not used: its transformer factory alone made a class at about 100 ms of a cold
 * start-up, and its retransformation of classes just loaded did the work twice.
 */
final class JdkAdviceWeaver {
    /** The JDK classes that get advice. */
    static final List<String> TARGETS = AdvisedClasses.TARGETS;

    private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final ClassFileLocator adviceLocator;

    JdkAdviceWeaver() {
        Map<String, byte[]> remapped = new HashMap<>();
        for (Class<?> advice : List.of(NetBindAdvice.class, NetConnectAdvice.class, NetLocalAddressAdvice.class,
                TcpConnectAdvice.class, UdpSendAdvice.class, UdpFirstArgumentAdvice.class, DatagramBindAdvice.class,
                ListenerBindAdvice.class, SocketImplBindAdvice.class)) {
            remapped.put(advice.getName(), Remapped.bytesOf(advice.getName()));
        }
        this.adviceLocator = new ClassFileLocator.Simple(remapped);
    }

    /**
     * {@code className} as {@code original}, with its advice.
     *
     * @throws IllegalArgumentException if {@code className} is not one of {@link #TARGETS}
     */
    byte[] weave(String className, byte[] original) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, original),
                adviceLocator, ClassFileLocator.ForClassLoader.of(JdkAdviceWeaver.class.getClassLoader()));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        switch (className) {
            case AdvisedClasses.NET:
                builder = builder
                        .visit(advice(pool, locator, NetBindAdvice.class).on(named("bind").and(takesArguments(
                                ProtocolFamily.class, FileDescriptor.class, InetAddress.class, int.class))))
                        .visit(advice(pool, locator, NetConnectAdvice.class).on(named("connect").and(takesArguments(
                                ProtocolFamily.class, FileDescriptor.class, InetAddress.class, int.class))))
                        .visit(advice(pool, locator, NetLocalAddressAdvice.class).on(named("localAddress").and(
                                takesArguments(FileDescriptor.class))));
                break;
            case AdvisedClasses.NET_HOOKS:
                builder = builder.visit(advice(pool, locator, TcpConnectAdvice.class).on(named("beforeTcpConnect")
                        .and(takesArguments(3))));
                break;
            case AdvisedClasses.DATAGRAM_CHANNEL:
                builder = builder
                        .visit(advice(pool, locator, UdpSendAdvice.class).on(named("send").and(takesArguments(
                                ByteBuffer.class, SocketAddress.class)).or(named("blockingSend").and(takesArguments(
                                        ByteBuffer.class, SocketAddress.class)))))
                        .visit(advice(pool, locator, UdpFirstArgumentAdvice.class).on(named("blockingSend").and(
                                takesArguments(DatagramPacket.class)).or(named("connect").and(takesArguments(2))
                                        .and(takesArgument(0, SocketAddress.class)))))
                        .visit(advice(pool, locator, DatagramBindAdvice.class).on(named("bindInternal").and(
                                takesArguments(SocketAddress.class))));
                break;
            case AdvisedClasses.SERVER_CHANNEL:
                builder = builder.visit(advice(pool, locator, ListenerBindAdvice.class).on(named("netBind")
                        .and(takesArguments(2))));
                break;
            case AdvisedClasses.ASYNC_SERVER_CHANNEL:
                builder = builder.visit(advice(pool, locator, ListenerBindAdvice.class).on(named("bind")
                        .and(takesArguments(SocketAddress.class, int.class))));
                break;
            case AdvisedClasses.SOCKET_IMPL:
                builder = builder.visit(advice(pool, locator, SocketImplBindAdvice.class).on(named("bind")
                        .and(takesArguments(InetAddress.class, int.class))));
                break;
            default:
                throw new IllegalArgumentException(className + " gets no advice");
        }
        return builder.make(pool).getBytes();
    }

    private static Advice advice(TypePool pool, ClassFileLocator locator, Class<?> adviceClass) {
        return Advice.to(pool.describe(adviceClass.getName()).resolve(), locator);
    }
}
