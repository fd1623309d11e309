package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into io_uring's {@code MsgHdrMemory.set(LinuxSocket, InetSocketAddress, ...)}, which
 * fills the {@code msghdr} of every datagram sent and of a TCP Fast Open connect before the ring
 * takes it: the kernel would bind an unbound socket when it runs the queued operation, so the
 * agent binds it now, with the destination.
 */
public final class IoUringMsgHdrAdvice {
    private IoUringMsgHdrAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object socket, @Advice.Argument(1) InetSocketAddress to)
            throws java.io.IOException {
        if (to != null) {
            PortalgoNativeDispatch.beforeImplicitBind(socket, to.getAddress(), to.getPort());
        }
    }
}
