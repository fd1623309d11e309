package io.portalgo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import javax.management.openmbean.OpenMBeanInfo;
import javax.management.openmbean.OpenMBeanOperationInfo;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** The MBean as a JMX client sees it, registered in a private MBean server over real {@code LiveSettings}. */
class PortalgoMBeanTest {
    private static final ObjectName NAME = MBeanRegistration.objectName();
    private static final String SEED = "4242424242";

    /** Not the platform server: newMBeanServer keeps no reference, so each test starts empty. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private FakeAgentControl control;

    private FakeAgentControl register(String arguments) {
        control = FakeAgentControl.withArguments(arguments);
        MBeanRegistration.register(server, control);
        return control;
    }

    @Test
    void theSettingAttributesAreExactlyTheRegistryWithOpenTypes() throws Exception {
        register(null);
        MBeanInfo info = server.getMBeanInfo(NAME);
        assertThat(info).isInstanceOf(OpenMBeanInfo.class);
        Map<String, MBeanAttributeInfo> byName = Arrays.stream(info.getAttributes())
                .collect(Collectors.toMap(MBeanAttributeInfo::getName, a -> a));
        Set<String> settingNames = Property.all().stream().map(Property::attributeName).collect(Collectors.toSet());
        Set<String> others = Set.of("Available", "Version", "Summary", "Settings", "Statistics", "TotalAllocations",
                "TotalProbes", "TotalRetries", "TotalExhaustions", "TotalKernelFallbacks", "TotalInternalErrors",
                "SelectorMemoryBytes");
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(union(settingNames, others));
        for (Property<?> property : Property.all()) {
            MBeanAttributeInfo attribute = byName.get(property.attributeName());
            assertThat(attribute.getType()).isEqualTo(String.class.getName());
            assertThat(attribute.isReadable()).isTrue();
            assertThat(attribute.isWritable()).as(property.key()).isEqualTo(!property.startupOnly());
            assertThat(attribute.getDescription()).startsWith(property.key() + ": ");
        }
        for (String name : others) {
            assertThat(byName.get(name).isWritable()).as(name).isFalse();
        }
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertThat(attribute).isInstanceOf(OpenMBeanAttributeInfo.class);
        }
        assertThat(Arrays.stream(info.getOperations()).map(o -> o.getName() + o.getSignature().length))
                .containsExactlyInAnyOrder("rekey0", "apply1", "get1");
        assertThat(info.getOperations()).allMatch(o -> o instanceof OpenMBeanOperationInfo);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void everySettingReadsAsItsCanonicalText() throws Exception {
        register("udp.algorithm=hash,reserved=40000-40100,rekey=1500ms,rules=udp:*:53=random_pick");
        Map<String, String> expected = control.settings().current().toMap();
        for (Property<?> property : Property.all()) {
            assertThat(server.getAttribute(NAME, property.attributeName())).as(property.key())
                    .isEqualTo(expected.get(property.key()));
        }
        assertThat(server.getAttribute(NAME, "UdpInet6Algorithm")).isEqualTo("hash");
        assertThat(server.getAttribute(NAME, "Rekey")).isEqualTo("1500ms");
        assertThat(settingsTable()).isEqualTo(expected);
        assertThat(server.getAttribute(NAME, "Available")).isEqualTo("bsd random_start random_pick hash doublehash randinc");
        assertThat(server.getAttribute(NAME, "Version")).isEqualTo("0.1.0-test");
        assertThat(server.getAttribute(NAME, "Summary")).isEqualTo(control.settings().current().describe());
    }

    private Map<String, String> settingsTable() throws Exception {
        Map<String, String> table = new HashMap<>();
        for (Object row : ((TabularData) server.getAttribute(NAME, "Settings")).values()) {
            table.put((String) ((CompositeData) row).get("key"), (String) ((CompositeData) row).get("value"));
        }
        return table;
    }

    @Test
    void aGoodValueIsInForceForTheNextSocket() throws Exception {
        register(null);
        server.setAttribute(NAME, new Attribute("TcpAlgorithm", "BSD"));
        assertThat(control.settings().current().algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.BSD);
        assertThat(control.settings().current().algorithm(Protocol.UDP, AddressFamily.INET)).isEqualTo(Algorithm.RANDOM_PICK);
        assertThat(server.getAttribute(NAME, "TcpAlgorithm")).isEqualTo("bsd");
        server.setAttribute(NAME, new Attribute("DoublehashTableSize", "256"));
        assertThat(control.settings().current().selectorSettings().tableSize()).isEqualTo(256);
    }

    @Test
    void aBadValueIsRefusedWithConfigsMessageAndTheOldSettingsStay() throws Exception {
        register("tcp.algorithm=hash");
        PortalgoSettings before = control.settings().current();
        Throwable refused = catchThrowable(() -> server.setAttribute(NAME, new Attribute("MaxAttempts", "0")));
        assertThat(refusal(refused)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("portalgo.max-attempts=0 (live change): expected an integer from 1 to 65535").hasNoCause();
        assertThat(control.settings().current()).isSameAs(before);
        assertThat(server.getAttribute(NAME, "MaxAttempts")).isEqualTo("64");
        assertThat(server.getAttribute(NAME, "TcpAlgorithm")).isEqualTo("hash");
    }

    @Test
    void applyChangesSeveralSettingsAllOrNothing() throws Exception {
        register(null);
        PortalgoSettings before = control.settings().current();
        Throwable refused = catchThrowable(() -> apply("tcp.algorithm=bsd,max-attempts=0,range=70000-80000"));
        assertThat(refusal(refused)).isExactlyInstanceOf(IllegalArgumentException.class).hasNoCause();
        assertThat(refusal(refused).getMessage().split("\n")).containsExactlyInAnyOrder(
                "portalgo.max-attempts=0 (live change): expected an integer from 1 to 65535",
                "portalgo.range=70000-80000 (live change): expected min-max with 1 <= min <= max <= 65535");
        assertThat(control.settings().current()).isSameAs(before);

        Object summary = apply("tcp.algorithm=bsd,range=40000-40009,reserved=40001,40003");
        assertThat(summary).isEqualTo(control.settings().current().describe());
        assertThat((String) summary).contains("tcp=bsd", "range=40000-40009", "reserved=2");
        assertThat(server.getAttribute(NAME, "Reserved")).isEqualTo("40001,40003");
    }

    @Test
    void malformedArgumentTextIsRefusedTheSameWay() {
        register(null);
        PortalgoSettings before = control.settings().current();
        Throwable refused = catchThrowable(() -> apply("algorithm"));
        assertThat(refusal(refused)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'algorithm'").hasMessageContaining("expected key=value pairs");
        assertThat(control.settings().current()).isSameAs(before);
    }

    @Test
    void setAttributesIsAtomicToo() throws Exception {
        register(null);
        PortalgoSettings before = control.settings().current();
        AttributeList none = server.setAttributes(NAME, new AttributeList(
                java.util.List.of(new Attribute("TcpAlgorithm", "bsd"), new Attribute("RandincN", "0"))));
        assertThat(none).isEmpty();
        assertThat(control.settings().current()).isSameAs(before);
        AttributeList set = server.setAttributes(NAME, new AttributeList(
                java.util.List.of(new Attribute("TcpAlgorithm", "bsd"), new Attribute("RandincN", "9"))));
        assertThat(set.asList()).extracting(Attribute::getName, Attribute::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TcpAlgorithm", "bsd"),
                        org.assertj.core.groups.Tuple.tuple("RandincN", "9"));
    }

    @Test
    void setAttributesReportsAChangeInForceEvenWhenAListenerFailedAfterIt() throws Exception {
        register(null);
        control.settings().onChange(next -> {
            throw new IllegalStateException("a listener failed after the change");
        });
        AttributeList set = server.setAttributes(NAME, new AttributeList(
                java.util.List.of(new Attribute("TcpAlgorithm", "bsd"))));
        assertThat(control.settings().current().get("portalgo.tcp.algorithm")).isEqualTo("bsd");
        assertThat(set.asList()).extracting(Attribute::getName, Attribute::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TcpAlgorithm", "bsd"));
    }

    @Test
    void theSeedIsNeverShown() throws Exception {
        register("seed=" + SEED);
        assertThat(server.getAttribute(NAME, "Seed")).isEqualTo("(set)");
        assertThat(settingsTable()).containsEntry("portalgo.seed", "(set)");
        assertThat(everythingReadable()).doesNotContain(SEED);

        server.setAttribute(NAME, new Attribute("Seed", "77"));
        assertThat(control.settings().current().seed()).hasValue(77);
        assertThat(server.getAttribute(NAME, "Seed")).isEqualTo("(set)");
        Throwable refused = catchThrowable(() -> server.setAttribute(NAME, new Attribute("Seed", "not-a-number-" + SEED)));
        assertThat(refusal(refused)).isInstanceOf(IllegalArgumentException.class);
        assertThat(everythingReadable()).doesNotContain("77 ");
    }

    /** Every attribute value and every description, as one text. */
    private String everythingReadable() throws Exception {
        StringBuilder all = new StringBuilder();
        MBeanInfo info = server.getMBeanInfo(NAME);
        all.append(info.getDescription());
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            all.append(' ').append(attribute.getDescription()).append(' ').append(server.getAttribute(NAME, attribute.getName()));
        }
        return all.toString();
    }

    @Test
    void startUpOnlySettingsAcceptOnlyTheirRunningValue() throws Exception {
        register(null);
        server.setAttribute(NAME, new Attribute("Jmx", "true"));
        Throwable refused = catchThrowable(() -> server.setAttribute(NAME, new Attribute("Jmx", "false")));
        assertThat(refusal(refused)).hasMessageStartingWith("portalgo.jmx=false (live change): read only at start-up");
        assertThat(control.settings().current().jmx()).isTrue();
    }

    @Test
    void readOnlyAndUnknownAttributesCannotBeSet() {
        register(null);
        assertThatThrownBy(() -> server.setAttribute(NAME, new Attribute("Available", "bsd")))
                .isInstanceOf(AttributeNotFoundException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> server.getAttribute(NAME, "Algoritm")).isInstanceOf(AttributeNotFoundException.class);
        assertThatThrownBy(() -> server.setAttribute(NAME, new Attribute("Range", 40000)))
                .isInstanceOf(javax.management.InvalidAttributeValueException.class).hasMessageContaining("String");
    }

    @Test
    void statisticsAreOpenDataPerProtocolAndAlgorithm() throws Exception {
        register(null);
        control.statistics().add(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS, 5);
        control.statistics().add(Protocol.TCP, Algorithm.BSD, Event.PROBES, 7);
        control.statistics().record(Protocol.UDP, Algorithm.RANDOM_PICK, Event.KERNEL_FALLBACKS);
        TabularData table = (TabularData) server.getAttribute(NAME, "Statistics");
        assertThat(table.size()).isEqualTo(Protocol.values().length * Algorithm.values().length);
        CompositeData tcpBsd = table.get(new Object[] {"tcp", "bsd"});
        assertThat(tcpBsd.get("allocations")).isEqualTo(5L);
        assertThat(tcpBsd.get("probes")).isEqualTo(7L);
        assertThat(tcpBsd.get("retries")).isEqualTo(0L);
        assertThat(table.get(new Object[] {"udp", "random_pick"}).get("kernel-fallbacks")).isEqualTo(1L);
        assertThat(tcpBsd.getCompositeType().keySet()).containsExactlyInAnyOrder("protocol", "algorithm", "allocations",
                "probes", "retries", "exhaustions", "kernel-fallbacks", "internal-errors");
        assertThat(server.getAttribute(NAME, "TotalAllocations")).isEqualTo(5L);
        assertThat(server.getAttribute(NAME, "TotalKernelFallbacks")).isEqualTo(1L);
        assertThat(server.getAttribute(NAME, "TotalInternalErrors")).isEqualTo(0L);
    }

    @Test
    void rekeyAndGetAreOperations() throws Exception {
        register("range=40000-44999");
        server.invoke(NAME, "rekey", null, null);
        assertThat(control.rekeys()).isEqualTo(1);
        assertThat(server.invoke(NAME, "get", new Object[] {"range"}, new String[] {"java.lang.String"})).isEqualTo("40000-44999");
        assertThat(server.invoke(NAME, "get", new Object[] {"portalgo.tcp.mode"}, new String[] {"java.lang.String"}))
                .isEqualTo("auto");
        Throwable unknown = catchThrowable(() -> server.invoke(NAME, "get", new Object[] {"algoritm"},
                new String[] {"java.lang.String"}));
        assertThat(refusal(unknown)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("portalgo.algoritm: unknown property; did you mean portalgo.algorithm?");
    }

    @Test
    void aFailingListenerIsReportedAsAChangeInForce() {
        register(null);
        control.settings().onChange(next -> {
            throw new UnsupportedOperationException("selector rebuild failed");
        });
        Throwable failed = catchThrowable(() -> apply("tcp.algorithm=randinc"));
        assertThat(refusal(failed)).isExactlyInstanceOf(IllegalStateException.class).hasNoCause()
                .hasMessageContaining("in force").hasMessageContaining("selector rebuild failed");
        assertThat(control.settings().current().algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.RANDINC);
    }

    @Test
    void aRefusalCrossesTheWireToAClientWithoutPortalgosClasses() throws Exception {
        register(null);
        Throwable refused = catchThrowable(() -> server.setAttribute(NAME, new Attribute("Range", "9-1")));
        Object received = roundTripWithoutPortalgo(refused);
        assertThat(received).isInstanceOf(RuntimeMBeanException.class);
        assertThat(((RuntimeMBeanException) received).getTargetException())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("portalgo.range=9-1 (live change)");
        assertThat(roundTripWithoutPortalgo(server.getAttribute(NAME, "Statistics"))).isInstanceOf(TabularData.class);
        assertThat(roundTripWithoutPortalgo(server.getAttribute(NAME, "Settings"))).isInstanceOf(TabularData.class);
    }

    @Test
    void registeringAgainReplacesTheMBean() throws Exception {
        register("tcp.algorithm=hash");
        FakeAgentControl newer = FakeAgentControl.withArguments("tcp.algorithm=randinc");
        MBeanRegistration.register(server, newer);
        assertThat(server.getAttribute(NAME, "TcpAlgorithm")).isEqualTo("randinc");
    }

    private Object apply(String changes) throws Exception {
        return server.invoke(NAME, "apply", new Object[] {changes}, new String[] {"java.lang.String"});
    }

    /** What a JMX client gets: the MBean server wraps an MBean's runtime exceptions in RuntimeMBeanException. */
    private static Throwable refusal(Throwable thrown) {
        assertThat(thrown).isInstanceOf(RuntimeMBeanException.class);
        return ((RuntimeMBeanException) thrown).getTargetException();
    }

    /** Serializes {@code value} and reads it back resolving classes only from the JDK, as a plain jconsole would. */
    private static Object roundTripWithoutPortalgo(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        ClassLoader jdkOnly = ClassLoader.getPlatformClassLoader();
        try (InputStream in = new ByteArrayInputStream(bytes.toByteArray());
                ObjectInputStream objects = new ObjectInputStream(in) {
                    @Override
                    protected Class<?> resolveClass(ObjectStreamClass description) throws ClassNotFoundException {
                        return Class.forName(description.getName(), false, jdkOnly);
                    }
                }) {
            return objects.readObject();
        }
    }
}
