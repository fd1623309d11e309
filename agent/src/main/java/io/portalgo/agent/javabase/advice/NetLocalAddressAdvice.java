package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import java.io.FileDescriptor;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of {@code sun.nio.ch.Net.localAddress(FileDescriptor)}, which the JDK calls
 * after every connect to learn the local port: the agent checks a pinned connect's port against
 * it instead of asking the kernel again (two {@code getsockname} calls saved per connect).
 */
public final class NetLocalAddressAdvice {
    private NetLocalAddressAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return InetSocketAddress local) {
        PortalgoDispatch.localAddressRead(fd, local);
    }
}
