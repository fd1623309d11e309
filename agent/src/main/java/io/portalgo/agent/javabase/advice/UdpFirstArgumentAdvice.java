package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DatagramChannelImpl.connect(SocketAddress, boolean)} and, on Java 25,
 * {@code blockingSend(DatagramPacket)}: as {@link UdpSendAdvice}, for methods whose first argument
 * names the destination (an address or a packet).
 */
public final class UdpFirstArgumentAdvice {
    private UdpFirstArgumentAdvice() {
    }

    /** Hands the destination over only while the channel is unbound: a bound one never binds again. */
    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(0) Object target, @Advice.FieldValue("localAddress") Object local) {
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
