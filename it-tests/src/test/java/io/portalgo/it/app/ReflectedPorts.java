package io.portalgo.it.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client behind the NAT: {@code count} connections to a {@link PortReflector}, one after the
 * other, printing for each {@code RESULT local=<getLocalPort()> seen=<port the server saw>}.
 * Arguments: server address, port, count.
 */
public final class ReflectedPorts {
    private ReflectedPorts() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(server, 10_000);
                socket.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                System.out.println("RESULT local=" + socket.getLocalPort() + " seen=" + in.readLine().trim());
            }
        }
    }
}
