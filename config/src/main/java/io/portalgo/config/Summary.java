package io.portalgo.config;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import java.util.StringJoiner;

/**
 * The one-line summary the agent logs at start, e.g. {@code tcp=doublehash udp=random_pick
 * range=32768-60999 reserved=0 mode=auto hash=siphash rekey=10s}: algorithms per protocol (per
 * family where they differ), range, number of reserved ports in it, mode, hash, key epoch;
 * rules and a seed only by count and presence. Never a key or the seed.
 */
final class Summary {
    private Summary() {
    }

    static String of(PortalgoSettings settings) {
        StringJoiner line = new StringJoiner(" ");
        if (!settings.enabled()) {
            line.add("disabled");
        }
        for (Protocol protocol : Protocol.values()) {
            Algorithm inet = settings.algorithm(protocol, AddressFamily.INET);
            Algorithm inet6 = settings.algorithm(protocol, AddressFamily.INET6);
            line.add(protocol.id() + "=" + (inet == inet6 ? inet.id() : "inet:" + inet.id() + ",inet6:" + inet6.id()));
        }
        if (!settings.rules().isEmpty()) {
            line.add("rules=" + settings.rules().rules().size());
        }
        SelectorSettings selectors = settings.selectorSettings();
        line.add("range=" + selectors.range());
        line.add("reserved=" + selectors.reserved().countIn(selectors.range()));
        line.add("mode=" + settings.tcpMode().id());
        line.add("hash=" + selectors.prf().id());
        line.add("rekey=" + DurationText.format(selectors.rekeyMillis()));
        if (settings.seed().isPresent()) {
            line.add("seed=" + Values.SECRET_SHOWN_AS);
        }
        return line.toString();
    }
}
