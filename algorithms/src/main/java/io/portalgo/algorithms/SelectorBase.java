package io.portalgo.algorithms;

/** What every selector holds: its algorithm, settings, entropy and the usable ports. */
abstract class SelectorBase implements PortSelector {
    private final Algorithm algorithm;
    private final SelectorSettings settings;
    final Entropy entropy;
    final UsablePorts ports;

    SelectorBase(Algorithm algorithm, SelectorSettings settings, Entropy entropy) {
        this.algorithm = algorithm;
        this.settings = settings;
        this.entropy = entropy;
        this.ports = new UsablePorts(settings.range(), settings.reserved());
    }

    @Override
    public final Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public final SelectorSettings settings() {
        return settings;
    }

    @Override
    public void rekey() {
    }

    @Override
    public String toString() {
        return algorithm.id() + "[" + settings + "]";
    }
}
