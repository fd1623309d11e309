package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DatagramChannelImpl.send(ByteBuffer, SocketAddress)} and, on Java 17,
 * {@code blockingSend(ByteBuffer, SocketAddress)}: an unbound channel binds implicitly inside, and
 * the destination is handed over so the algorithm sees it (NetBSD defers the bind for this reason).
 */
public final class UdpSendAdvice {
    private UdpSendAdvice() {
    }

    /** Hands the destination over only while the channel is unbound: a bound one never binds again. */
    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(1) Object target, @Advice.FieldValue("localAddress") Object local) {
        if (local == null) {
            PortalgoDispatch.udpDestination(target);
            return true;
        }
        return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean handedOver) {
        if (handedOver) {
            PortalgoDispatch.udpDestination(null);
        }
    }
}
