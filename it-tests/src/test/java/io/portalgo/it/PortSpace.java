package io.portalgo.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code portalgo.range} minus its {@code portalgo.reserved} ports: the usable ports in
 * ascending order, as the selectors see them. "Consecutive" in the algorithm tests means
 * consecutive here, modulo {@link #size()}.
 */
public final class PortSpace {
    private final int min;
    private final int max;
    private final Set<Integer> reserved;
    private final List<Integer> usable = new ArrayList<>();

    private PortSpace(int min, int max, Set<Integer> reserved) {
        this.min = min;
        this.max = max;
        this.reserved = reserved;
        for (int port = min; port <= max; port++) {
            if (!reserved.contains(port)) {
                usable.add(port);
            }
        }
    }

    /** {@code of(41000, 41099, "41010,41050-41054")}. */
    public static PortSpace of(int min, int max, String reservedList) {
        Set<Integer> reserved = new TreeSet<>();
        for (String item : reservedList.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] bounds = item.split("-");
            int low = Integer.parseInt(bounds[0].trim());
            int high = Integer.parseInt(bounds[bounds.length - 1].trim());
            for (int port = low; port <= high; port++) {
                reserved.add(port);
            }
        }
        return new PortSpace(min, max, reserved);
    }

    /** The agent arguments that configure this space: {@code range=41000-41099,reserved=41010,41050-41054}. */
    public String agentArguments(String reservedList) {
        return "range=" + min + "-" + max + ",reserved=" + reservedList;
    }

    public int size() {
        return usable.size();
    }

    /** In the range and not reserved. */
    public boolean isUsable(int port) {
        return port >= min && port <= max && !reserved.contains(port);
    }

    public boolean inRange(int port) {
        return port >= min && port <= max;
    }

    public Set<Integer> reserved() {
        return reserved;
    }

    public List<Integer> usable() {
        return List.copyOf(usable);
    }

    /** The position of a usable port among the usable ports. */
    public int index(int port) {
        int index = usable.indexOf(port);
        if (index < 0) {
            throw new IllegalArgumentException(port + " is not a usable port of " + min + "-" + max);
        }
        return index;
    }

    /** {@code (index(to) - index(from)) mod size()}: how far the selector moved from one port to the other. */
    public int stepUp(int from, int to) {
        return Math.floorMod(index(to) - index(from), size());
    }

    @Override
    public String toString() {
        return min + "-" + max + " minus " + reserved;
    }
}
