package io.portalgo.agent.nativetransport.advice;

import io.portalgo.agent.nativetransport.PortalgoNativeDispatch;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into io_uring's {@code AbstractIoUringChannel.submitConnect(InetSocketAddress)}, which
 * queues {@code IORING_OP_CONNECT}: the kernel binds and connects later and a taken 4-tuple would
 * reach the application as a failed connect that nothing can retry, so the agent binds the
 * socket now, before the connect is queued.
 */
public final class IoUringConnectAdvice {
    private IoUringConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("socket") Object socket, @Advice.Argument(0) InetSocketAddress to)
            throws java.io.IOException {
        if (to != null) {
            PortalgoNativeDispatch.beforeImplicitBind(socket, to.getAddress(), to.getPort());
        }
    }
}
