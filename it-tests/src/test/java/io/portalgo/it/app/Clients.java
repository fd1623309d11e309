package io.portalgo.it.app;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;

/** Client-side steps the scenario applications share: connect and echo, abortive close, UDP echo. */
public final class Clients {
    private Clients() {
    }

    /** An unbound socket connected to {@code server} (the agent chooses its port), one byte echoed. */
    public static Socket connectAndEcho(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, 10_000);
            echo(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            closeAbortively(socket);
            throw e;
        }
    }

    public static void echo(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(42);
        SocketPaths.check(socket.getInputStream().read() == 42, "tcp echo");
    }

    /** Close with a reset (SO_LINGER 0): no TIME_WAIT is left to block the port for the next test. */
    public static void closeAbortively(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException alreadyGone) {
            // closing below is all that is left to do
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more can be done for this socket
        }
    }

    /** One datagram to the echo server and its answer, within 10 s (blocking channel). */
    public static void echo(DatagramChannel channel, InetSocketAddress server) throws IOException {
        echo(channel.socket(), server);
    }

    public static void echo(DatagramSocket socket, InetSocketAddress server) throws IOException {
        socket.setSoTimeout(10_000);
        socket.send(new DatagramPacket(new byte[] {7}, 1, server));
        DatagramPacket answer = new DatagramPacket(new byte[1], 1);
        socket.receive(answer);
        SocketPaths.check(answer.getData()[0] == 7, "udp echo");
    }

    /** {@code java.net.BindException:_Cannot_assign_requested_address}: a RESULT field has no spaces. */
    public static String field(Throwable failure) {
        return (failure.getClass().getName() + ":" + failure.getMessage()).replace(' ', '_');
    }

    public static int port(DatagramChannel channel) {
        return channel.socket().getLocalPort();
    }
}
