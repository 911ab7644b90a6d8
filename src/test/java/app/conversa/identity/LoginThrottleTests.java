package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    @Test
    void anIpv4AddressCountsOnItsOwn() {
        assertThat(LoginThrottle.bucketOf("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void everyAddressOfAnIpv6Slash64CountsAsOne() {
        String first = LoginThrottle.bucketOf("2001:db8:aa:bb:1:2:3:4");
        String second = LoginThrottle.bucketOf("2001:db8:aa:bb:ffff:ffff:ffff:fffe");
        String otherNetwork = LoginThrottle.bucketOf("2001:db8:aa:bc:1:2:3:4");

        assertThat(first).isEqualTo(second).isEqualTo("2001:db8:aa:bb:0:0:0:0/64");
        assertThat(otherNetwork).isNotEqualTo(first);
    }

    @Test
    void theLoopbackOfBothFamiliesIsUnderstood() {
        assertThat(LoginThrottle.bucketOf("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:0/64");
        assertThat(LoginThrottle.bucketOf("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
