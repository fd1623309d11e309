package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.config.ConfigException;
import io.portalgo.config.Echo;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import io.portalgo.config.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfoSupport;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenMBeanParameterInfo;
import javax.management.openmbean.OpenMBeanParameterInfoSupport;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * The MBean {@code io.portalgo:type=PortAlgo}: the JVM's {@code sysctl}, readable by any JMX
 * client without portalgo's classes (every type is an open type, every exception a JDK one).
 *
 * <p>Attributes:
 * <ul>
 *   <li>one read-write {@code String} per {@link Property}, named by
 *       {@link Property#attributeName()} ({@code TcpAlgorithm}, {@code DoublehashTableSize}),
 *       holding the canonical text {@link PortalgoSettings#get(String)} gives; the seed reads
 *       {@code (set)} or empty, never its value. Start-up-only properties are read-only in the
 *       MBean info; a write that repeats the running value is accepted, any other is refused by
 *       {@code config} with its message;</li>
 *   <li>read-only {@code Available} (NetBSD's {@code anonportalgo.available}: the six ids in
 *       NetBSD order), {@code Version}, {@code Summary} (the agent's start-up line),
 *       {@code Settings} (a key/value table of every property), {@code Statistics} (see
 *       {@link StatisticsOpenData}) and one {@code Long} total per counter:
 *       {@code TotalAllocations}, {@code TotalProbes}, ...</li>
 * </ul>
 * Operations: {@code rekey()}, {@code apply(String)} (several changes at once, in the
 * agent-argument syntax {@code algorithm=bsd,range=40000-40999}; returns the new summary) and
 * {@code get(String key)}.
 *
 * <p>Every change is validated whole by {@link io.portalgo.config.LiveSettings}: on any bad
 * value nothing changes and the caller gets an {@link IllegalArgumentException} whose message
 * is exactly {@code config}'s (one line per problem). {@link ConfigException} itself never
 * crosses the wire: a remote client without portalgo's classes could not deserialize it.
 * {@link #setAttributes} is atomic in the same way: all listed settings change, or none.
 */
public final class PortalgoMBean implements DynamicMBean {
    static final String AVAILABLE = "Available";
    static final String VERSION = "Version";
    static final String SUMMARY = "Summary";
    static final String SETTINGS = "Settings";
    static final String STATISTICS = "Statistics";
    static final String TOTAL_PREFIX = "Total";
    static final String SELECTOR_MEMORY = "SelectorMemoryBytes";

    static final String REKEY = "rekey";
    static final String APPLY = "apply";
    static final String GET = "get";

    /** Row type of {@code Settings}: {@code key} (e.g. {@code portalgo.range}) and {@code value} (canonical text). */
    static final CompositeType SETTING_TYPE;
    static final TabularType SETTINGS_TYPE;

    static {
        try {
            SETTING_TYPE = new CompositeType("io.portalgo.Setting", "one portalgo property",
                    new String[] {"key", "value"}, new String[] {"property name, e.g. portalgo.range",
                            "canonical text; the seed shows as (set)"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING});
            SETTINGS_TYPE = new TabularType("io.portalgo.Settings", "every portalgo property with its value",
                    SETTING_TYPE, new String[] {"key"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AgentControl control;
    private final Map<String, Property<?>> propertiesByAttribute = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> readOnly = new LinkedHashMap<>();
    private final MBeanInfo info;

    public PortalgoMBean(AgentControl control) {
        this.control = control;
        for (Property<?> property : Property.all()) {
            propertiesByAttribute.put(property.attributeName(), property);
        }
        readOnly.put(AVAILABLE, Algorithm::availableIds);
        readOnly.put(VERSION, control::version);
        readOnly.put(SUMMARY, () -> control.describe());
        readOnly.put(SETTINGS, () -> settingsTable(control.settings().current()));
        readOnly.put(STATISTICS, () -> StatisticsOpenData.table(control.statistics()));
        readOnly.put(SELECTOR_MEMORY, control::selectorStateBytes);
        for (Event event : Event.values()) {
            readOnly.put(totalAttribute(event), () -> control.statistics().total(event));
        }
        if (propertiesByAttribute.size() != Property.all().size()
                || readOnly.keySet().stream().anyMatch(propertiesByAttribute::containsKey)) {
            throw new AssertionError("two attributes share a name: " + propertiesByAttribute.keySet() + " " + readOnly.keySet());
        }
        this.info = buildInfo();
    }

    /** {@code TotalKernelFallbacks} for {@link Event#KERNEL_FALLBACKS}. */
    static String totalAttribute(Event event) {
        return TOTAL_PREFIX + Property.attributeName(event.id());
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Property<?> property = propertiesByAttribute.get(attribute);
        if (property != null) {
            return control.settings().current().get(property.key());
        }
        Supplier<Object> value = readOnly.get(attribute);
        if (value == null) {
            throw new AttributeNotFoundException(Echo.of(attribute) + ": no such attribute of " + MBeanRegistration.OBJECT_NAME);
        }
        return value.get();
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException, InvalidAttributeValueException {
        Map<String, String> change = new LinkedHashMap<>();
        change.put(propertyFor(attribute.getName()).key(), textOf(attribute));
        apply(change);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (AttributeNotFoundException | RuntimeException e) {
                // The JMX contract: attributes that cannot be read are left out of the list.
            }
        }
        return list;
    }

    /** All or nothing: every attribute is a setting and every value is good, or nothing changes and the list is empty. */
    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> keysByAttribute = new LinkedHashMap<>();
        PortalgoSettings before = control.settings().current();
        try {
            for (Attribute attribute : attributes.asList()) {
                String key = propertyFor(attribute.getName()).key();
                changes.put(key, textOf(attribute));
                keysByAttribute.put(attribute.getName(), key);
            }
            apply(changes);
        } catch (AttributeNotFoundException | InvalidAttributeValueException | RuntimeException e) {
            if (control.settings().current() == before) {
                return new AttributeList();
            }
            // In force although something after it failed (a listener): report what is set.
        }
        PortalgoSettings now = control.settings().current();
        AttributeList set = new AttributeList();
        keysByAttribute.forEach((attribute, key) -> set.add(new Attribute(attribute, now.get(key))));
        return set;
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        Object[] arguments = params == null ? new Object[0] : params;
        if (REKEY.equals(actionName) && arguments.length == 0) {
            try {
                control.rekey();
            } catch (RuntimeException e) {
                throw new IllegalStateException("rekey failed: " + e);
            }
            return null;
        }
        if (APPLY.equals(actionName) && arguments.length == 1 && isText(arguments[0])) {
            applyArguments((String) arguments[0]);
            return control.describe();
        }
        if (GET.equals(actionName) && arguments.length == 1 && isText(arguments[0])) {
            try {
                return control.settings().current().get((String) arguments[0]);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        throw new ReflectionException(new NoSuchMethodException(actionName + Arrays.toString(signature)),
                "no operation " + actionName + " with " + arguments.length + " argument(s); operations: "
                        + "rekey(), apply(String), get(String)");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    private static boolean isText(Object argument) {
        return argument == null || argument instanceof String;
    }

    private Property<?> propertyFor(String attribute) throws AttributeNotFoundException {
        Property<?> property = propertiesByAttribute.get(attribute);
        if (property == null) {
            throw new AttributeNotFoundException(readOnly.containsKey(attribute) ? attribute + " is read-only"
                    : Echo.of(attribute) + ": no such attribute of " + MBeanRegistration.OBJECT_NAME);
        }
        return property;
    }

    private static String textOf(Attribute attribute) throws InvalidAttributeValueException {
        Object value = attribute.getValue();
        if (value != null && !(value instanceof String)) {
            throw new InvalidAttributeValueException(attribute.getName() + " takes a String, not " + value.getClass().getName());
        }
        return value == null ? "" : (String) value;
    }

    private void apply(Map<String, String> changes) {
        changeSettings(() -> control.settings().apply(changes, Source.LIVE));
    }

    private void applyArguments(String arguments) {
        changeSettings(() -> control.settings().applyArguments(arguments == null ? "" : arguments, Source.LIVE));
    }

    /**
     * Runs a change and turns its failures into JDK exceptions: a refusal keeps the old settings
     * and carries config's message unchanged; a listener that fails after the swap means the
     * change is in force but the agent did not follow it, which the caller must hear about.
     */
    private static void changeSettings(Runnable change) {
        try {
            change.run();
        } catch (ConfigException refused) {
            throw new IllegalArgumentException(refused.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the change is in force, but the agent failed to take it up: " + e);
        }
    }

    private static TabularData settingsTable(PortalgoSettings settings) {
        TabularDataSupport table = new TabularDataSupport(SETTINGS_TYPE);
        settings.toMap().forEach((key, value) -> {
            try {
                table.put(new CompositeDataSupport(SETTING_TYPE, new String[] {"key", "value"}, new Object[] {key, value}));
            } catch (OpenDataException e) {
                throw new AssertionError("row does not match its own type", e);
            }
        });
        return table;
    }

    private MBeanInfo buildInfo() {
        List<OpenMBeanAttributeInfoSupport> attributes = new ArrayList<>();
        for (Property<?> property : Property.all()) {
            attributes.add(new OpenMBeanAttributeInfoSupport(property.attributeName(), describe(property),
                    SimpleType.STRING, true, !property.startupOnly(), false));
        }
        attributes.add(new OpenMBeanAttributeInfoSupport(AVAILABLE,
                "the algorithms, NetBSD's ids in NetBSD's order (sysctl net.inet.ip.anonportalgo.available)",
                SimpleType.STRING, true, false, false));
        attributes.add(new OpenMBeanAttributeInfoSupport(VERSION, "the agent's version", SimpleType.STRING, true, false, false));
        attributes.add(new OpenMBeanAttributeInfoSupport(SUMMARY,
                "the settings in one line: algorithms, range, reserved count, mode, hash, key epoch", SimpleType.STRING,
                true, false, false));
        attributes.add(new OpenMBeanAttributeInfoSupport(SETTINGS, "every property with its canonical text",
                SETTINGS_TYPE, true, false, false));
        attributes.add(new OpenMBeanAttributeInfoSupport(STATISTICS, "counters per protocol and algorithm",
                StatisticsOpenData.TABLE_TYPE, true, false, false));
        attributes.add(new OpenMBeanAttributeInfoSupport(SELECTOR_MEMORY,
                "bytes held by the selectors in force, doublehash's counter tables above all (2 bytes a counter)",
                SimpleType.LONG, true, false, false));
        for (Event event : Event.values()) {
            attributes.add(new OpenMBeanAttributeInfoSupport(totalAttribute(event),
                    "total over every protocol and algorithm: " + event.description(), SimpleType.LONG,
                    true, false, false));
        }
        OpenMBeanParameterInfo[] none = new OpenMBeanParameterInfo[0];
        OpenMBeanOperationInfoSupport[] operations = {
            new OpenMBeanOperationInfoSupport(REKEY, "draw fresh keys for every keyed selector now", none,
                    SimpleType.VOID, MBeanOperationInfo.ACTION),
            new OpenMBeanOperationInfoSupport(APPLY,
                    "apply several changes at once, all or nothing; returns the new summary",
                    new OpenMBeanParameterInfo[] {new OpenMBeanParameterInfoSupport("changes",
                            "agent-argument syntax: algorithm=bsd,range=40000-40999,reserved=1,2-4", SimpleType.STRING)},
                    SimpleType.STRING, MBeanOperationInfo.ACTION),
            new OpenMBeanOperationInfoSupport(GET, "the canonical text of one property",
                    new OpenMBeanParameterInfo[] {new OpenMBeanParameterInfoSupport("key",
                            "property name, with or without portalgo.", SimpleType.STRING)},
                    SimpleType.STRING, MBeanOperationInfo.INFO),
        };
        return new OpenMBeanInfoSupport(PortalgoMBean.class.getName(),
                "portalgo: RFC 6056 ephemeral-port selection, live settings and statistics",
                attributes.toArray(new OpenMBeanAttributeInfoSupport[0]), new OpenMBeanConstructorInfoSupport[0],
                operations, new MBeanNotificationInfo[0]);
    }

    private static String describe(Property<?> property) {
        String text = property.key() + ": " + property.meaning().replace("`", "") + " (" + property.accepted() + ")";
        return property.startupOnly() ? text + "; read only at start-up" : text;
    }
}
