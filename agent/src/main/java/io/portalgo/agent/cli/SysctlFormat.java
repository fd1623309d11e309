package io.portalgo.agent.cli;

import io.portalgo.agent.control.StatisticsOpenData;
import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.config.Property;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The CLI's output, shaped like Linux's {@code sysctl}: one {@code name = value} line per
 * setting or counter, so {@code grep} and {@code awk '{print $3}'} work on it.
 */
final class SysctlFormat {
    /** Counters are named under this, apart from every property name. */
    static final String STATISTICS_PREFIX = "portalgo.stats.";

    private SysctlFormat() {
    }

    /** {@code portalgo.tcp.algorithm = doublehash}; an empty value leaves nothing after the {@code =}. */
    static String line(String key, String value) {
        return value.isEmpty() ? key + " =" : key + " = " + value;
    }

    /** Every setting in registry order (keys the registry does not know, from a newer agent, last). */
    static List<String> settings(Map<String, String> settings) {
        List<String> keys = new ArrayList<>(settings.keySet());
        keys.sort(Comparator.comparingInt(SysctlFormat::registryIndex).thenComparing(Comparator.naturalOrder()));
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            lines.add(line(key, settings.get(key)));
        }
        return lines;
    }

    private static int registryIndex(String key) {
        int index = Property.byKey(key).map(Property.all()::indexOf).orElse(-1);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /**
     * Counters from the MBean's {@code Statistics} table: first the total of each counter over
     * every protocol and algorithm ({@code portalgo.stats.allocations = 12}), then every counter
     * of each protocol and algorithm that did anything ({@code portalgo.stats.tcp.bsd.allocations = 12}),
     * in protocol and NetBSD algorithm order.
     */
    static List<String> statistics(TabularData table) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        long[] totals = new long[Event.values().length];
        @SuppressWarnings("unchecked")
        Collection<CompositeData> values = (Collection<CompositeData>) table.values();
        List<CompositeData> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing((CompositeData row) -> (String) row.get(StatisticsOpenData.PROTOCOL))
                .thenComparingInt(row -> algorithmIndex((String) row.get(StatisticsOpenData.ALGORITHM))));
        for (CompositeData row : sorted) {
            long[] counts = new long[Event.values().length];
            boolean active = false;
            for (Event event : Event.values()) {
                long count = row.containsKey(event.id()) ? (Long) row.get(event.id()) : 0L;
                counts[event.ordinal()] = count;
                totals[event.ordinal()] += count;
                active |= count != 0;
            }
            if (active) {
                rows.put(row.get(StatisticsOpenData.PROTOCOL) + "." + row.get(StatisticsOpenData.ALGORITHM), counts);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Event event : Event.values()) {
            lines.add(line(STATISTICS_PREFIX + event.id(), Long.toString(totals[event.ordinal()])));
        }
        rows.forEach((scope, counts) -> {
            for (Event event : Event.values()) {
                lines.add(line(STATISTICS_PREFIX + scope + "." + event.id(), Long.toString(counts[event.ordinal()])));
            }
        });
        return lines;
    }

    private static int algorithmIndex(String id) {
        try {
            return Algorithm.fromId(id).index();
        } catch (IllegalArgumentException unknown) {
            return Integer.MAX_VALUE; // a newer agent's algorithm sorts last
        }
    }

    /** One line per algorithm: id, RFC 6056 section, trade-off, aligned in columns. */
    static List<String> algorithms() {
        int width = 0;
        for (Algorithm algorithm : Algorithm.values()) {
            width = Math.max(width, algorithm.id().length());
        }
        List<String> lines = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            lines.add(String.format("%-" + width + "s  RFC 6056 %-7s %s", algorithm.id(), "§" + algorithm.rfcSection(),
                    algorithm.tradeOff()));
        }
        return lines;
    }
}
