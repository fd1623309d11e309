package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code io.netty.channel.unix.Socket.connect(SocketAddress)} (epoll, kqueue and
 * relocated copies). Netty's connect is non-blocking, but the kernel binds the local port inside
 * the {@code connect(2)} call itself, so this is where the port is decided: on entry the agent
 * pins (or binds) a candidate for an unbound TCP socket, or binds an unbound UDP socket with the
 * destination known. Netty closes the channel when {@code connect} throws, so a pinned 4-tuple
 * that is taken (EADDRNOTAVAIL) is retried here, inside the method, with the next candidate.
 */
public final class NettySocketConnectAdvice {
    private NettySocketConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object socket, @Advice.Argument(0) SocketAddress remote) throws java.io.IOException {
        return remote instanceof InetSocketAddress ? PortalgoNativeDispatch.beforeConnect(socket, remote) : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@Advice.Enter Object pending,
            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        if (pending != null && PortalgoNativeDispatch.afterConnect(pending, thrown)) {
            thrown = null;
            return true;
        }
        return false;
    }
}
