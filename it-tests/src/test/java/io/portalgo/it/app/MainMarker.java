package io.portalgo.it.app;

/** Proves that {@code main} ran: prints {@link #MARKER} and nothing else. */
public final class MainMarker {
    public static final String MARKER = "MAIN ran";

    private MainMarker() {
    }

    public static void main(String[] args) {
        System.out.println(MARKER);
    }
}
