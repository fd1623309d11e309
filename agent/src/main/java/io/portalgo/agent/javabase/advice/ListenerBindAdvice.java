package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the binds of the JDK's listening sockets, {@code ServerSocketChannelImpl.netBind}
 * and {@code AsynchronousServerSocketChannelImpl.bind}: the {@code Net.bind} inside is a
 * listener's, which {@code portalgo.listeners} decides about, told by the caller instead of a
 * walk up the stack.
 */
public final class ListenerBindAdvice {
    private ListenerBindAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        PortalgoDispatch.listenerBinding(true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        PortalgoDispatch.listenerBinding(false);
    }
}
