package io.portalgo.algorithms;

/**
 * A keyed pseudo-random function from bytes to 64 bits: the {@code F} and {@code G} of
 * RFC 6056 §3.3.3 and §3.3.4. The RFC asks only that outsiders cannot compute it; the key lives
 * inside the instance, so a {@code Prf} is itself the secret and is never printed.
 */
public interface Prf {
    /** The PRF of {@code message[0..length)}. Thread-safe. */
    long hash(byte[] message, int length);

    /**
     * The PRF of {@code flow}'s encoding in key epoch {@code epoch}: protocol, family, local
     * address, remote address, remote port, epoch (see {@link FlowView}). This default encodes into
     * a fresh array; {@link SipHash24} reads the flow's words without one.
     */
    default long hash(FlowView flow, long epoch) {
        byte[] message = new byte[FlowView.MAX_ENCODED_LENGTH];
        return hash(message, flow.encode(message, epoch));
    }
}
