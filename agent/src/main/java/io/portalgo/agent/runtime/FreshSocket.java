package io.portalgo.agent.runtime;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a fresh TCP socket, bound to another port, under the file descriptor number of a socket
 * whose connect met a taken 4-tuple, so the connect can be repeated and the application never
 * sees the clash. A socket bound before connect keeps its port when connect fails with
 * EADDRNOTAVAIL (Linux only releases a port it bound itself), so the only way to try the next
 * candidate is a new socket: {@code socket()}, the options the application set copied over,
 * {@code bind()}, the blocking mode copied, then {@code dup2()} onto the old number, which closes
 * the old socket. The application's {@link FileDescriptor} keeps its number, so nothing it holds
 * changes. This keeps the kernel's connect-time autobind (and the host-wide perturbation table it
 * advances, RFC 6056 §3.3.4 as Linux implements it) out of every connect.
 *
 * <p>The JDK's own natives do the work: {@code sun.nio.ch.Net.socket0} and {@code setIntOption0},
 * {@code IOUtil.newFD}/{@code fdVal}/{@code configureBlocking}, {@code InheritedChannel.dup2} and
 * {@code close0}. Linux option numbers; the blocking mode comes from {@code /proc/self/fdinfo}.
 */
final class FreshSocket {
    /** Options copied when the old socket's value differs from a fresh one's: level, option. */
    private static final int[][] OPTIONS = {
        {1, 2}, {1, 9}, {1, 7}, {1, 8}, {1, 10}, {1, 13}, {1, 15}, {1, 12}, {1, 36}, // SOL_SOCKET: REUSEADDR KEEPALIVE SNDBUF RCVBUF OOBINLINE LINGER REUSEPORT PRIORITY MARK
        {6, 1}, {6, 2}, {6, 4}, {6, 5}, {6, 6}, {6, 18}, {6, 25}, // IPPROTO_TCP: NODELAY MAXSEG KEEPIDLE KEEPINTVL KEEPCNT USER_TIMEOUT NOTSENT_LOWAT
        {0, 1}, {0, 2}, // IPPROTO_IP: TOS TTL
        {41, 26}, {41, 67}, {41, 16}, // IPPROTO_IPV6: V6ONLY TCLASS UNICAST_HOPS
    };
    private static final int SO_DOMAIN = 39;
    private static final int AF_INET6 = 10;
    private static final InetAddress ANY4 = wildcard(new byte[4]);
    private static final InetAddress ANY6 = wildcard(new byte[16]);
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int O_NONBLOCK = 04000;

    private final MethodHandle socket0;
    private final MethodHandle newFd;
    private final MethodHandle fdVal;
    private final MethodHandle configureBlocking;
    private final MethodHandle dup2;
    private final MethodHandle close0;
    private final MethodHandle getIntOption;
    private final MethodHandle setIntOption;
    private final MethodHandle bind;

    private FreshSocket(MethodHandles.Lookup net) throws ReflectiveOperationException {
        Class<?> netClass = net.lookupClass();
        Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil", false, null);
        Class<?> inherited = Class.forName("sun.nio.ch.InheritedChannel", false, null);
        MethodHandles.Lookup inheritedLookup = MethodHandles.privateLookupIn(inherited, MethodHandles.lookup());
        socket0 = net.findStatic(netClass, "socket0", MethodType.methodType(int.class, boolean.class, boolean.class,
                boolean.class, boolean.class));
        getIntOption = net.findStatic(netClass, "getIntOption0", MethodType.methodType(int.class,
                FileDescriptor.class, boolean.class, int.class, int.class));
        setIntOption = net.findStatic(netClass, "setIntOption0", MethodType.methodType(void.class,
                FileDescriptor.class, boolean.class, int.class, int.class, int.class, boolean.class));
        bind = net.findStatic(netClass, "bind", MethodType.methodType(void.class, ProtocolFamily.class,
                FileDescriptor.class, InetAddress.class, int.class));
        newFd = net.findStatic(ioUtil, "newFD", MethodType.methodType(FileDescriptor.class, int.class));
        fdVal = net.findStatic(ioUtil, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
        configureBlocking = net.findStatic(ioUtil, "configureBlocking", MethodType.methodType(void.class,
                FileDescriptor.class, boolean.class));
        dup2 = inheritedLookup.findStatic(inherited, "dup2", MethodType.methodType(void.class, int.class, int.class));
        close0 = inheritedLookup.findStatic(inherited, "close0", MethodType.methodType(void.class, int.class));
    }

    /** The JDK's natives, or null where this JDK lacks one of them (then clashes cannot be retried). */
    static FreshSocket tryCreate(MethodHandles.Lookup net) {
        if (!Files.isDirectory(Path.of("/proc/self/fdinfo"))) {
            return null;
        }
        try {
            return new FreshSocket(net);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError missing) {
            Log.once(io.portalgo.config.LogLevel.DEBUG, "fresh-socket", "no fresh-socket retry on this JDK: " + missing);
            return null;
        }
    }

    /**
     * Replaces {@code fd}'s socket with a fresh one of the same family (IPv6 sockets are the JDK's
     * dual-stack ones) bound to the wildcard address and {@code port} ({@code port} 0: unbound,
     * the kernel chooses at connect).
     *
     * @throws IOException the bind's failure (the old socket is then left as it was)
     */
    void replace(FileDescriptor fd, int port) throws IOException {
        boolean inet6 = getInt(fd, 1, SO_DOMAIN) == AF_INET6;
        InetAddress wildcard = inet6 ? ANY6 : ANY4;
        int fresh = (int) invoke(() -> (int) socket0.invokeExact(inet6, true, false, false));
        boolean handedOver = false;
        try {
            FileDescriptor freshFd = (FileDescriptor) invoke(() -> (FileDescriptor) newFd.invokeExact(fresh));
            copyOptions(fd, freshFd, inet6);
            if (port != 0) {
                ProtocolFamily family = inet6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
                invoke(() -> {
                    bind.invokeExact(family, freshFd, wildcard, port);
                    return null;
                });
            }
            int old = (int) invoke(() -> (int) fdVal.invokeExact(fd));
            if (nonBlocking(old)) {
                invoke(() -> {
                    configureBlocking.invokeExact(freshFd, false);
                    return null;
                });
            }
            invoke(() -> {
                dup2.invokeExact(fresh, old);
                return null;
            });
            handedOver = true;
        } finally {
            int number = fresh;
            invoke(() -> {
                close0.invokeExact(number);
                return null;
            });
            if (!handedOver) {
                Log.debug(() -> "fresh socket for port " + port + " not used");
            }
        }
    }

    private void copyOptions(FileDescriptor from, FileDescriptor to, boolean inet6) {
        for (int[] option : OPTIONS) {
            int level = option[0];
            int name = option[1];
            if (level == 41 && !inet6) {
                continue;
            }
            try {
                int wanted = getInt(from, level, name);
                int fresh = getInt(to, level, name);
                if (wanted != fresh) {
                    // Linux reports twice the buffer size it was given (its bookkeeping overhead)
                    int value = level == 1 && (name == SO_SNDBUF || name == SO_RCVBUF) ? wanted / 2 : wanted;
                    setInt(to, level, name, value, level == 41);
                }
            } catch (IOException | RuntimeException notForThisSocket) {
                // an option this kernel or family does not have, or one only privileged processes set
            }
        }
    }

    private static InetAddress wildcard(byte[] zeros) {
        try {
            return InetAddress.getByAddress(zeros);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean nonBlocking(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd), StandardCharsets.US_ASCII)) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring(6).trim(), 8) & O_NONBLOCK) != 0;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall through
        }
        throw new IllegalStateException("cannot read the blocking mode of fd " + fd);
    }

    private int getInt(FileDescriptor fd, int level, int option) throws IOException {
        return (int) invoke(() -> (int) getIntOption.invokeExact(fd, false, level, option));
    }

    private void setInt(FileDescriptor fd, int level, int option, int value, boolean inet6) throws IOException {
        invoke(() -> {
            setIntOption.invokeExact(fd, false, level, option, value, inet6);
            return null;
        });
    }

    private interface Call {
        Object call() throws Throwable;
    }

    private static Object invoke(Call call) throws IOException {
        try {
            return call.call();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
