package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into epoll's {@code LinuxSocket.sendmmsg(...)}: several datagrams at once, each with its
 * own destination, on a socket the kernel would bind at this call if it is still unbound. The
 * agent binds it first; the algorithm sees no destination (one port serves them all).
 */
public final class EpollSendmmsgAdvice {
    private EpollSendmmsgAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object socket) throws java.io.IOException {
        PortalgoNativeDispatch.beforeImplicitBind(socket, null, 0);
    }
}
