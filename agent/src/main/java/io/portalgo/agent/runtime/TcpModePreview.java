package io.portalgo.agent.runtime;

import io.portalgo.config.Environment;
import io.portalgo.config.HostPorts;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.ProtocolFamily;

/**
 * The TCP mode as the start-up line shows it before the runtime exists (it is made at the first
 * socket): what {@link Substitution#describeTcpMode()} will say, told from the settings, the
 * JDK's declared natives and, only where those are missing, the kernel's range. Kept apart from
 * {@link Substitution} and {@code FreshSocket} so that the start-up line initialises neither
 * (nor {@code InetAddress}).
 */
public final class TcpModePreview {
    private TcpModePreview() {
    }

    /** {@code auto(share+retry:isolates)}, {@code auto(pin)}, {@code auto(share)} or the mode configured. */
    public static String of(PortalgoSettings settings) {
        if (settings.tcpMode() != TcpMode.AUTO) {
            return settings.tcpMode().id();
        }
        if (freshSocketNativesDeclared()) {
            return "auto(share+retry:isolates)";
        }
        return new PinSupport(HostPorts.range(Environment.system()), false).describe(settings);
    }

    /**
     * Whether this JDK declares every native {@code FreshSocket.tryCreate} looks up, told by reflection
     * without making a method handle: what the start-up line says {@code auto} resolves to
     * before the runtime exists (the runtime is made at the first socket).
     */
    private static boolean freshSocketNativesDeclared() {
        if (!new java.io.File("/proc/self/fdinfo").isDirectory()) {
            return false;
        }
        try {
            Class<?> net = Class.forName("sun.nio.ch.Net", false, null);
            Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil", false, null);
            Class<?> inherited = Class.forName("sun.nio.ch.InheritedChannel", false, null);
            net.getDeclaredMethod("socket0", boolean.class, boolean.class, boolean.class, boolean.class);
            net.getDeclaredMethod("getIntOption0", FileDescriptor.class, boolean.class, int.class, int.class);
            net.getDeclaredMethod("setIntOption0", FileDescriptor.class, boolean.class, int.class, int.class, int.class,
                    boolean.class);
            net.getDeclaredMethod("bind", ProtocolFamily.class, FileDescriptor.class, InetAddress.class, int.class);
            ioUtil.getDeclaredMethod("newFD", int.class);
            ioUtil.getDeclaredMethod("fdVal", FileDescriptor.class);
            ioUtil.getDeclaredMethod("configureBlocking", FileDescriptor.class, boolean.class);
            inherited.getDeclaredMethod("dup2", int.class, int.class);
            inherited.getDeclaredMethod("close0", int.class);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError missing) {
            return false;
        }
    }

}
