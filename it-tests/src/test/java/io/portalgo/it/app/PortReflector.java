package io.portalgo.it.app;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP server that tells every client the source port it sees, one line, then closes (server
 * first, so the TIME_WAIT stays here). Behind a NAT that port is the NAT's choice. Arguments:
 * address, port. Prints {@code LISTENING} once ready; ends after {@code max} connections or when
 * killed.
 */
public final class PortReflector {
    private PortReflector() {
    }

    public static void main(String[] args) throws IOException {
        int max = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])), 1024);
            System.out.println("LISTENING");
            System.out.flush();
            for (int i = 0; i < max; i++) {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    out.write((client.getPort() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
