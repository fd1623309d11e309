package io.portalgo.agent.cli;

/** {@code java -jar portalgo-agent.jar}: the agent jar as a CLI. SKELETON: usage only. */
public final class PortalgoCli {
    private PortalgoCli() {
    }

    public static void main(String[] args) {
        System.out.println("usage: java -jar portalgo-agent.jar [list | attach <pid> [k=v,...] | get <pid> [key] | set <pid> k=v | stats <pid>]");
    }
}
