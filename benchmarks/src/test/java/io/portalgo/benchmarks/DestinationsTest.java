package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.Protocol;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationsTest {
    @Test
    void everyFlowIsADistinctTcpDestinationInTheDocumentationNetworks() {
        Flow[] flows = Destinations.tcp(Destinations.MAX_COUNT);

        Set<Flow> distinct = new HashSet<>();
        for (Flow flow : flows) {
            assertThat(flow.protocol()).isEqualTo(Protocol.TCP);
            assertThat(flow.hasDestination()).isTrue();
            byte[] remote = flow.remoteAddress();
            int network = (remote[0] & 0xff) << 16 | (remote[1] & 0xff) << 8 | (remote[2] & 0xff);
            assertThat(network).isIn(198 << 16 | 51 << 8 | 100, 203 << 16 | 0 << 8 | 113);
            assertThat(remote[3] & 0xff).isBetween(1, 254);
            assertThat(flow.localAddress()).containsExactly(192, 0, 2, 1);
            distinct.add(flow);
        }
        assertThat(distinct).hasSize(4_064);
    }

    @Test
    void theBenchmarksThousandFlowsUseThreeServicePorts() {
        Flow[] flows = Destinations.tcp(SelectionBenchmark.FLOW_COUNT);

        assertThat(flows).hasSize(1_024);
        assertThat(flows[0].remotePort()).isEqualTo(443);
        assertThat(flows[507].remotePort()).isEqualTo(443);
        assertThat(flows[508].remotePort()).isEqualTo(80);
        assertThat(flows[1_023].remotePort()).isEqualTo(53);
    }

    @Test
    void refusesMoreFlowsThanItCanKeepDistinct() {
        assertThatIllegalArgumentException().isThrownBy(() -> Destinations.tcp(4_065));
        assertThatIllegalArgumentException().isThrownBy(() -> Destinations.tcp(0));
    }
}
