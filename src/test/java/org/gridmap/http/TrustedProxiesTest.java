package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gridmap.app.Config;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    @Test
    void addressesAndBlocksMatchTheirPeersOnly() {
        TrustedProxies p = TrustedProxies.parse(" 10.0.0.0/8, 192.168.1.7 , 2001:db8::/32, ::1");
        assertThat(p.contains("10.200.1.1")).isTrue();
        assertThat(p.contains("11.0.0.1")).isFalse();
        assertThat(p.contains("192.168.1.7")).isTrue();
        assertThat(p.contains("192.168.1.8")).isFalse();
        assertThat(p.contains("::ffff:10.1.2.3")).as("IPv4-mapped").isTrue();
        assertThat(p.contains("[2001:db8:1::5]")).isTrue();
        assertThat(p.contains("2001:db9::5")).isFalse();
        assertThat(p.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(p.contains("localhost")).as("names are never looked up").isFalse();
        assertThat(TrustedProxies.parse("172.16.0.0/12").contains("172.31.255.255")).isTrue();
        assertThat(TrustedProxies.parse("172.16.0.0/12").contains("172.32.0.0")).isFalse();
        assertThat(TrustedProxies.parse("").contains("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.NONE.contains("127.0.0.1")).isFalse();
    }

    @Test
    void aBadSettingStopsTheStartWithTheReason() throws Exception {
        assertThatThrownBy(() -> Config.load(null, Map.of("GRIDMAP_TRUSTED_PROXIES", "proxy.example"), Map.of()))
                .hasMessageContaining("trusted.proxies").hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThat(Config.load(null, Map.of("GRIDMAP_TRUSTED_PROXIES", "127.0.0.1"), Map.of()).trustedProxies()
                .contains("127.0.0.1")).isTrue();
    }
}
