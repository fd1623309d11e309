package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * As {@link NettySocketSendToAdvice}, for {@code Socket.sendToAddresses(long, int, InetAddress,
 * int, ...)}, whose third and fourth arguments are the destination.
 */
public final class NettySocketSendToAddressesAdvice {
    private NettySocketSendToAddressesAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object socket, @Advice.Argument(2) InetAddress to, @Advice.Argument(3) int port)
            throws java.io.IOException {
        PortalgoNativeDispatch.beforeImplicitBind(socket, to, port);
    }
}
