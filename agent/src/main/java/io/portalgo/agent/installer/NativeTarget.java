package io.portalgo.agent.installer;

/**
 * The classes of Netty's native transports that get advice, by the end of their internal name,
 * so that relocated copies match too: {@code io/netty/channel/unix/Socket} and
 * {@code io/grpc/netty/shaded/io/netty/channel/unix/Socket} alike. Knows nothing of ByteBuddy:
 * the transformer asks it about every class loaded, and a warm start never needs more.
 */
enum NativeTarget {
    /** epoll, kqueue and io_uring sockets: bind, connect, sendto, and the constructor. */
    SOCKET("/channel/unix/Socket"),
    /** epoll's {@code sendmmsg}. */
    EPOLL_LINUX_SOCKET("/channel/epoll/LinuxSocket"),
    /** io_uring's {@code msghdr} of a datagram or a TCP Fast Open connect. */
    IO_URING_MSGHDR("/channel/uring/MsgHdrMemory"),
    /** io_uring's queued connect. */
    IO_URING_CHANNEL("/channel/uring/AbstractIoUringChannel");

    private final String suffix;

    NativeTarget(String suffix) {
        this.suffix = suffix;
    }

    /** The target {@code internalName} is, or null (the common case, decided by a few character compares). */
    static NativeTarget of(String internalName) {
        if (internalName == null || internalName.indexOf("/channel/") < 0) {
            return null;
        }
        for (NativeTarget target : values()) {
            if (internalName.endsWith(target.suffix)) {
                return target;
            }
        }
        return null;
    }

    /** The transport a class belongs to, for the start-up summary: its name without the package's tail. */
    static String copyOf(String internalName) {
        return internalName.substring(0, internalName.indexOf("/channel/")).replace('/', '.');
    }
}
