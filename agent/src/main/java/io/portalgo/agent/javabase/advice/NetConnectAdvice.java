package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the exit of {@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}.
 * In pin mode the agent narrows the socket's {@code IP_LOCAL_PORT_RANGE} to one port before
 * connect; when that 4-tuple is taken the kernel fails with EADDRNOTAVAIL and leaves the socket
 * unbound, so the agent pins the next candidate and the connect is repeated here, invisibly to
 * the application.
 */
public final class NetConnectAdvice {
    private NetConnectAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@Advice.Argument(1) FileDescriptor fd,
            @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
        if (PortalgoDispatch.afterConnect(fd, thrown)) {
            thrown = null;
            return true;
        }
        return false;
    }
}
