package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.nio.ch.NioSocketImpl.bind(InetAddress, int)}, which serves
 * {@code Socket.bind} and {@code ServerSocket.bind} alike: its {@code server} field tells a
 * listener's bind from a client's.
 */
public final class SocketImplBindAdvice {
    private SocketImplBindAdvice() {
    }

    @Advice.OnMethodEnter
    static boolean enter(@Advice.FieldValue("server") boolean server) {
        if (server) {
            PortalgoDispatch.listenerBinding(true);
        }
        return server;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean server) {
        if (server) {
            PortalgoDispatch.listenerBinding(false);
        }
    }
}
