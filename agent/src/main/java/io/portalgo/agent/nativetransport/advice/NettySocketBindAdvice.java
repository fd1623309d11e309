package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code io.netty.channel.unix.Socket.bind(SocketAddress)} (epoll, kqueue, io_uring
 * and relocated copies), where every bind of a native transport lands: listeners, explicit
 * {@code bind(0)} of TCP and UDP channels. For port 0 the agent binds a port of its choice and
 * Netty's own bind is skipped; the agent's bind of a chosen port passes here with that port and
 * is never substituted twice.
 */
public final class NettySocketBindAdvice {
    private NettySocketBindAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.This Object socket, @Advice.Argument(0) SocketAddress local)
            throws java.io.IOException {
        return local instanceof InetSocketAddress && ((InetSocketAddress) local).getPort() == 0
                && PortalgoNativeDispatch.bind(socket, local);
    }
}
