package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.nio.ch.DatagramChannelImpl.bindInternal(SocketAddress)}, the one way a
 * datagram channel reaches {@code Net.bind}, explicit {@code bind} and the implicit bind before
 * a first {@code send} or {@code connect} alike: the agent learns the bind is UDP from here, not
 * from a {@code getsockopt(SO_TYPE)} per socket.
 */
public final class DatagramBindAdvice {
    private DatagramBindAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        PortalgoDispatch.udpBinding(true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        PortalgoDispatch.udpBinding(false);
    }
}
