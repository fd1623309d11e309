package io.portalgo.it.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The program a forked JVM runs: an echo server on loopback and a command loop on standard
 * input, one reply line per command on standard output.
 * <ul>
 *   <li>{@code connect N}: N unbound TCP sockets connect to the server, one after another, and
 *       close with a reset (no TIME_WAIT left behind); replies {@code ports p1 p2 ...}, the
 *       local port each got;</li>
 *   <li>{@code hold}: opens one connection and keeps it; replies {@code held <port>};</li>
 *   <li>{@code echo}: sends a line over the held connection and reads it back; replies
 *       {@code echoed <text>};</li>
 *   <li>{@code quit}.</li>
 * </ul>
 * It starts by printing {@code ready <pid>}.
 */
public final class PortProbe {
    private PortProbe() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(() -> serve(server), "echo-server");
        acceptor.setDaemon(true);
        acceptor.start();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("ready " + ProcessHandle.current().pid());
        Socket held = null;
        BufferedReader heldIn = null;
        for (String command = in.readLine(); command != null && !command.equals("quit"); command = in.readLine()) {
            try {
                if (command.startsWith("connect ")) {
                    StringJoiner ports = new StringJoiner(" ", "ports ", "");
                    int count = Integer.parseInt(command.substring("connect ".length()).trim());
                    for (int i = 0; i < count; i++) {
                        try (Socket socket = new Socket()) {
                            socket.connect(server.getLocalSocketAddress(), 5_000);
                            ports.add(Integer.toString(socket.getLocalPort()));
                            socket.setSoLinger(true, 0);
                        }
                    }
                    out.println(ports);
                } else if (command.equals("hold")) {
                    held = new Socket();
                    held.connect(server.getLocalSocketAddress(), 5_000);
                    heldIn = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8));
                    out.println("held " + held.getLocalPort());
                } else if (command.equals("echo") && held != null) {
                    String text = "hello-from-" + held.getLocalPort();
                    held.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
                    held.getOutputStream().flush();
                    out.println("echoed " + heldIn.readLine());
                } else {
                    out.println("error unknown command " + command);
                }
            } catch (IOException | RuntimeException e) {
                out.println("error " + e);
            }
        }
    }

    private static void serve(ServerSocket server) {
        while (true) {
            try {
                Socket client = server.accept();
                Thread echo = new Thread(() -> echo(client), "echo");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket client) {
        try (Socket socket = client;
                BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            }
        } catch (IOException e) {
            // The client reset the connection: that is how probes close.
        }
    }
}
