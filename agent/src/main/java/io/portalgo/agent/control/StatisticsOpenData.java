package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Statistics;
import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * {@link Statistics} as JMX open data, so {@code jconsole} or any JMX client reads them without
 * portalgo's classes: a table with one row per protocol and algorithm (all twelve, zeros
 * included, so a monitoring tool sees a fixed shape), indexed by {@code protocol} and
 * {@code algorithm}, with one {@code Long} column per {@link Event} named by {@link Event#id()}
 * ({@code allocations}, {@code kernel-fallbacks}, ...).
 */
public final class StatisticsOpenData {
    /** Row item: {@code tcp} or {@code udp}. */
    public static final String PROTOCOL = "protocol";
    /** Row item: the algorithm id, {@code bsd} ... {@code randinc}. */
    public static final String ALGORITHM = "algorithm";

    /** The type of one row. */
    public static final CompositeType ROW_TYPE;
    /** The type of the whole table. */
    public static final TabularType TABLE_TYPE;

    static {
        Event[] events = Event.values();
        String[] names = new String[events.length + 2];
        String[] descriptions = new String[names.length];
        OpenType<?>[] types = new OpenType<?>[names.length];
        names[0] = PROTOCOL;
        descriptions[0] = "transport protocol: tcp or udp";
        types[0] = SimpleType.STRING;
        names[1] = ALGORITHM;
        descriptions[1] = "algorithm id: " + Algorithm.availableIds();
        types[1] = SimpleType.STRING;
        for (Event event : events) {
            names[event.ordinal() + 2] = event.id();
            descriptions[event.ordinal() + 2] = event.description();
            types[event.ordinal() + 2] = SimpleType.LONG;
        }
        try {
            ROW_TYPE = new CompositeType("io.portalgo.StatisticsRow", "portalgo counters of one protocol and algorithm",
                    names, descriptions, types);
            TABLE_TYPE = new TabularType("io.portalgo.Statistics", "portalgo counters per protocol and algorithm",
                    ROW_TYPE, new String[] {PROTOCOL, ALGORITHM});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StatisticsOpenData() {
    }

    /** A consistent-enough copy of {@code statistics} now (each counter is read once). */
    public static TabularData table(Statistics statistics) {
        TabularDataSupport table = new TabularDataSupport(TABLE_TYPE);
        for (Protocol protocol : Protocol.values()) {
            for (Algorithm algorithm : Algorithm.values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(PROTOCOL, protocol.id());
                row.put(ALGORITHM, algorithm.id());
                for (Event event : Event.values()) {
                    row.put(event.id(), statistics.get(protocol, algorithm, event));
                }
                try {
                    table.put(new CompositeDataSupport(ROW_TYPE, row));
                } catch (OpenDataException e) {
                    throw new AssertionError("row does not match its own type", e);
                }
            }
        }
        return table;
    }

    /** The description of an event's column, from its meaning. */
}
