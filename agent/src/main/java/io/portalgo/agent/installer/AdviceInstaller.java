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
import io.portalgo.agent.runtime.Log;
import java.io.FileDescriptor;
import java.lang.instrument.Instrumentation;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the advice into the six JDK classes where ephemeral ports are assigned
 * (docs/ARCHITECTURE.md), by retransformation, since the agent's own lookup has loaded
 * {@code sun.nio.ch.Net} already and an attach finds everything loaded:
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
 * ByteBuddy's default ignore matcher skips JDK classes without a word
 * (docs/ARCHITECTURE.md, pitfalls), so it is replaced by one that lets exactly these through, and every transformation error
 * is collected: the installer reports a partial install instead of pretending.
 */
final class AdviceInstaller {
    private static final String NET = "sun.nio.ch.Net";
    private static final String NET_HOOKS = "sun.net.NetHooks";
    private static final String DATAGRAM_CHANNEL = "sun.nio.ch.DatagramChannelImpl";
    private static final String SERVER_CHANNEL = "sun.nio.ch.ServerSocketChannelImpl";
    private static final String ASYNC_SERVER_CHANNEL = "sun.nio.ch.AsynchronousServerSocketChannelImpl";
    private static final String SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    /** The JDK classes that get advice. */
    static final List<String> TARGETS = List.of(NET, NET_HOOKS, DATAGRAM_CHANNEL, SERVER_CHANNEL, ASYNC_SERVER_CHANNEL,
            SOCKET_IMPL);
    /** The agent classes whose bytes decide what the advised classes look like (for {@link TransformCache}). */
    static final List<String> SHAPING_CLASSES = List.of(AdviceInstaller.class.getName(), Remapped.TEMPLATE,
            NetBindAdvice.class.getName(), NetConnectAdvice.class.getName(), TcpConnectAdvice.class.getName(),
            UdpSendAdvice.class.getName(), UdpFirstArgumentAdvice.class.getName(), DatagramBindAdvice.class.getName(),
            NetLocalAddressAdvice.class.getName(), ListenerBindAdvice.class.getName(),
            SocketImplBindAdvice.class.getName());

    private final ClassFileLocator locator;
    private final TypePool pool;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> transformed = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, byte[]> produced;

    /** @param produced told the bytes made for each JDK class, to keep them for the next start-up */
    AdviceInstaller(BiConsumer<String, byte[]> produced) {
        this.produced = produced;
        ClassFileLocator.Simple remapped = new ClassFileLocator.Simple(java.util.Map.of(
                NetBindAdvice.class.getName(), Remapped.bytesOf(NetBindAdvice.class.getName()),
                NetConnectAdvice.class.getName(), Remapped.bytesOf(NetConnectAdvice.class.getName()),
                TcpConnectAdvice.class.getName(), Remapped.bytesOf(TcpConnectAdvice.class.getName()),
                UdpSendAdvice.class.getName(), Remapped.bytesOf(UdpSendAdvice.class.getName()),
                UdpFirstArgumentAdvice.class.getName(), Remapped.bytesOf(UdpFirstArgumentAdvice.class.getName()),
                DatagramBindAdvice.class.getName(), Remapped.bytesOf(DatagramBindAdvice.class.getName()),
                NetLocalAddressAdvice.class.getName(), Remapped.bytesOf(NetLocalAddressAdvice.class.getName()),
                ListenerBindAdvice.class.getName(), Remapped.bytesOf(ListenerBindAdvice.class.getName()),
                SocketImplBindAdvice.class.getName(), Remapped.bytesOf(SocketImplBindAdvice.class.getName())));
        this.locator = new ClassFileLocator.Compound(remapped,
                ClassFileLocator.ForClassLoader.of(AdviceInstaller.class.getClassLoader()));
        this.pool = TypePool.Default.of(locator);
    }

    /** Installs; returns the problems seen, empty when all three classes were transformed. */
    List<String> install(Instrumentation instrumentation) {
        for (String name : TARGETS) {
            try {
                Class.forName(name, false, null); // loaded, not initialised: retransformed below like the rest
            } catch (ClassNotFoundException e) {
                errors.add(name + " is missing from this JDK");
            }
        }
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .ignore(ElementMatchers.not(ElementMatchers.namedOneOf(TARGETS.toArray(new String[0]))))
                .with(new Listener())
                .type(named(NET)).transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(NetBindAdvice.class).on(named("bind").and(takesArguments(ProtocolFamily.class,
                                FileDescriptor.class, InetAddress.class, int.class))))
                        .visit(advice(NetConnectAdvice.class).on(named("connect").and(takesArguments(ProtocolFamily.class,
                                FileDescriptor.class, InetAddress.class, int.class))))
                        .visit(advice(NetLocalAddressAdvice.class).on(named("localAddress").and(takesArguments(
                                FileDescriptor.class)))))
                .type(named(NET_HOOKS)).transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(TcpConnectAdvice.class).on(named("beforeTcpConnect").and(takesArguments(3)))))
                .type(named(DATAGRAM_CHANNEL)).transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(UdpSendAdvice.class).on(named("send").and(takesArguments(ByteBuffer.class,
                                SocketAddress.class)).or(named("blockingSend").and(takesArguments(ByteBuffer.class,
                                SocketAddress.class)))))
                        .visit(advice(UdpFirstArgumentAdvice.class).on(named("blockingSend").and(takesArguments(
                                DatagramPacket.class)).or(named("connect").and(takesArguments(2))
                                .and(takesArgument(0, SocketAddress.class)))))
                        .visit(advice(DatagramBindAdvice.class).on(named("bindInternal").and(takesArguments(
                                SocketAddress.class)))))
                .type(named(SERVER_CHANNEL)).transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(ListenerBindAdvice.class).on(named("netBind").and(takesArguments(2)))))
                .type(named(ASYNC_SERVER_CHANNEL)).transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(ListenerBindAdvice.class).on(named("bind").and(takesArguments(SocketAddress.class,
                                int.class)))))
                .type(named(SOCKET_IMPL)).transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(SocketImplBindAdvice.class).on(named("bind").and(takesArguments(InetAddress.class,
                                int.class)))))
                .installOn(instrumentation);
        if (!transformed.containsAll(TARGETS)) {
            errors.add("transformed " + transformed + ", expected " + TARGETS);
        }
        return errors;
    }

    /** The advice of {@code adviceClass}, read from its remapped bytes. */
    private Advice advice(Class<?> adviceClass) {
        return Advice.to(pool.describe(adviceClass.getName()).resolve(), locator);
    }

    private final class Listener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            transformed.add(type.getName());
            produced.accept(type.getName(), dynamicType.getBytes());
            Log.debug(() -> "advice installed in " + type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable throwable) {
            errors.add(typeName + ": " + throwable);
        }
    }
}
