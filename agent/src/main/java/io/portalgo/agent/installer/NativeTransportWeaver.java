package io.portalgo.agent.installer;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.portalgo.agent.nativetransport.advice.EpollSendmmsgAdvice;
import io.portalgo.agent.nativetransport.advice.IoUringConnectAdvice;
import io.portalgo.agent.nativetransport.advice.IoUringMsgHdrAdvice;
import io.portalgo.agent.nativetransport.advice.NettySocketBindAdvice;
import io.portalgo.agent.nativetransport.advice.NettySocketConnectAdvice;
import io.portalgo.agent.nativetransport.advice.NettySocketOpenedAdvice;
import io.portalgo.agent.nativetransport.advice.NettySocketSendToAddressesAdvice;
import io.portalgo.agent.nativetransport.advice.NettySocketSendToAdvice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the advice into one of Netty's classes from its bytes, with ByteBuddy, inside a class
 * file transformer: the class is described from the bytes at hand and its supertypes from its
 * own loader's resources (never loaded), and only advice is added ({@code decorate}), so the
 * class keeps its shape and a later retransformation stays possible. Loaded only when the
 * class cache has no entry for the class.
 */
final class NativeTransportWeaver {
    private final ClassFileLocator adviceLocator;
    private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);

    NativeTransportWeaver() {
        Map<String, byte[]> remapped = new HashMap<>();
        for (String advice : NativeTransportInstaller.ADVICE) {
            remapped.put(advice, NativeRemapped.bytesOf(advice));
        }
        this.adviceLocator = new ClassFileLocator.Simple(remapped);
    }

    /** The class {@code internalName} of {@code loader}, as {@code original}, with its advice. */
    byte[] weave(NativeTarget target, String internalName, byte[] original, ClassLoader loader) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, original), adviceLocator,
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        switch (target) {
            case SOCKET:
                builder = builder
                        .visit(advice(pool, locator, NettySocketOpenedAdvice.class).on(isConstructor()
                                .and(takesArguments(int.class))))
                        .visit(advice(pool, locator, NettySocketBindAdvice.class).on(named("bind")
                                .and(takesArguments(SocketAddress.class))))
                        .visit(advice(pool, locator, NettySocketConnectAdvice.class).on(named("connect")
                                .and(takesArguments(SocketAddress.class))))
                        .visit(advice(pool, locator, NettySocketSendToAdvice.class).on(named("sendTo")
                                .or(named("sendToAddress")).and(not(isNative())).and(takesArgument(3, InetAddress.class))
                                .and(takesArgument(4, int.class))))
                        .visit(advice(pool, locator, NettySocketSendToAddressesAdvice.class).on(named("sendToAddresses")
                                .and(not(isNative())).and(takesArgument(2, InetAddress.class))
                                .and(takesArgument(3, int.class))));
                break;
            case EPOLL_LINUX_SOCKET:
                builder = builder.visit(advice(pool, locator, EpollSendmmsgAdvice.class).on(named("sendmmsg")
                        .and(not(isNative()))));
                break;
            case IO_URING_MSGHDR:
                builder = builder.visit(advice(pool, locator, IoUringMsgHdrAdvice.class).on(named("set")
                        .and(takesArgument(1, InetSocketAddress.class))));
                break;
            case IO_URING_CHANNEL:
                builder = builder.visit(advice(pool, locator, IoUringConnectAdvice.class).on(named("submitConnect")
                        .and(takesArguments(InetSocketAddress.class))));
                break;
            default:
                throw new IllegalArgumentException(target.name());
        }
        return builder.make(pool).getBytes();
    }

    private static Advice advice(TypePool pool, ClassFileLocator locator, Class<?> adviceClass) {
        return Advice.to(pool.describe(adviceClass.getName()).resolve(), locator);
    }
}
