package io.portalgo.examples.evaluation;

/**
 * What one policy did with one event stream: for connection i, its destination, the port taken
 * ({@code -1} when the selector reported exhaustion) and the candidates it probed.
 */
public record Trace(String policyId, int[] destinations, int[] ports, int[] probes, int exhaustions) {

    public int connections() {
        return ports.length;
    }

    /** Mean candidates probed per allocation, exhausted ones included. */
    public double meanProbes() {
        long total = 0;
        for (int probe : probes) {
            total += probe;
        }
        return (double) total / probes.length;
    }

    /** The ports actually taken, in order. */
    public int[] takenPorts() {
        return java.util.Arrays.stream(ports).filter(port -> port >= 0).toArray();
    }
}
