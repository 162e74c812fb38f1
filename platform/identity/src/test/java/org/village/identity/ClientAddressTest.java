package org.village.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Whose address a sign-in is counted against. */
class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress(List.of("10.9.0.2"));

    private static MockHttpServletRequest from(String peer, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (header != null) {
            request.addHeader(ClientAddress.HEADER, header);
        }
        return request;
    }

    @Test
    void theGatewaysWordCountsForTheRequestsItForwards() {
        assertThat(addresses.of(from("10.9.0.2", "203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(addresses.of(from("10.9.0.2", null))).isEqualTo("10.9.0.2");
    }

    @Test
    void anyoneElseCannotChooseTheirAddress() {
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.5"))).isEqualTo("198.51.100.7");
    }
}
