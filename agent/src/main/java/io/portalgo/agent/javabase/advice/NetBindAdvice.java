package io.portalgo.agent.javabase.advice;

import io.portalgo.agent.javabase.PortalgoDispatch;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.nio.ch.Net.bind(ProtocolFamily, FileDescriptor, InetAddress, int)}, where
 * every inet bind of the JDK lands. For port 0 the agent binds a port of its choice itself and
 * the original body is skipped; for any other port, or when the agent declines, the JDK binds
 * as it would have. The agent's own bind of a chosen port passes here with that port, so it is
 * never substituted twice.
 */
public final class NetBindAdvice {
    private NetBindAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) ProtocolFamily family, @Advice.Argument(1) FileDescriptor fd,
            @Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) throws java.io.IOException {
        return port == 0 && PortalgoDispatch.bind(family, fd, address);
    }
}
