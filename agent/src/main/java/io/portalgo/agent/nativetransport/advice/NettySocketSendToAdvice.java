package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code io.netty.channel.unix.Socket.sendTo} and {@code sendToAddress}, whose
 * fourth and fifth arguments are the destination: the kernel binds an unbound UDP socket at its
 * first {@code sendto(2)}, and a TCP Fast Open connect binds there too, so the agent binds first
 * with the destination handed to the algorithm. Known-bound sockets cost one array read.
 */
public final class NettySocketSendToAdvice {
    private NettySocketSendToAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object socket, @Advice.Argument(3) InetAddress to, @Advice.Argument(4) int port)
            throws java.io.IOException {
        PortalgoNativeDispatch.beforeImplicitBind(socket, to, port);
    }
}
