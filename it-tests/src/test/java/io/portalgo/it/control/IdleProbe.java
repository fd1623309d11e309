package io.portalgo.it.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that opens no socket at all: prints {@code ready <pid>} and waits for {@code quit}. Under
 * the agent, its runtime is made by the first live control, not by a socket.
 */
public final class IdleProbe {
    private IdleProbe() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = in.readLine(); command != null && !command.equals("quit"); command = in.readLine()) {
            System.out.println("error unknown command " + command);
        }
    }
}
