package io.portalgo.agent.installer.advice;

import io.portalgo.agent.boot.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DatagramChannelImpl.connect(SocketAddress, boolean)} and, on Java 25,
 * {@code blockingSend(DatagramPacket)}: as {@link UdpSendAdvice}, for methods whose first argument
 * names the destination (an address or a packet).
 */
public final class UdpFirstArgumentAdvice {
    private UdpFirstArgumentAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object target) {
        PortalgoDispatch.udpDestination(target);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        PortalgoDispatch.udpDestination(null);
    }
}
