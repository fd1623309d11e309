package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import java.io.FileDescriptor;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.net.NetHooks.beforeTcpConnect(FileDescriptor, InetAddress, int)}, which
 * the JDK calls only for a TCP socket that is still unbound at connect, with the destination:
 * the one place where RFC 6056 §3.3.3/§3.3.4 get their {@code (remote_IP, remote_port)}.
 */
public final class TcpConnectAdvice {
    private TcpConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) FileDescriptor fd, @Advice.Argument(1) InetAddress remote,
            @Advice.Argument(2) int remotePort) throws java.io.IOException {
        PortalgoDispatch.beforeTcpConnect(fd, remote, remotePort);
    }
}
