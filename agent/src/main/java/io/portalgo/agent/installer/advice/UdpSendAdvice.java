package io.portalgo.agent.installer.advice;

import io.portalgo.agent.boot.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DatagramChannelImpl.send(ByteBuffer, SocketAddress)} and, on Java 17,
 * {@code blockingSend(ByteBuffer, SocketAddress)}: an unbound channel binds implicitly inside, and
 * the destination is handed over so the algorithm sees it (NetBSD defers the bind for this reason).
 */
public final class UdpSendAdvice {
    private UdpSendAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) Object target) {
        PortalgoDispatch.udpDestination(target);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        PortalgoDispatch.udpDestination(null);
    }
}
