package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code io.netty.channel.unix.Socket(int fd)} (any relocated copy): a new
 * socket object for a descriptor number the agent may have seen bound before, under a socket
 * since closed, so that knowledge is dropped.
 */
public final class NettySocketOpenedAdvice {
    private NettySocketOpenedAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object socket) {
        PortalgoNativeDispatch.opened(socket);
    }
}
