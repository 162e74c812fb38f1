package org.village.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses a webhook may never be sent to, and what a recipient is told of a failure. */
class WebhookDestinationsTest {

    @Test
    void internalAddressesAreRecognisedInEveryForm() throws Exception {
        for (String internal : List.of(
                "127.0.0.1",
                "127.8.9.10",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.254",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "192.0.0.170",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd00:ec2::254",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "::127.0.0.1",
                "ff02::1")) {
            assertThat(WebhookDestinations.internal(InetAddress.getByName(internal)))
                    .as(internal)
                    .isTrue();
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String external : List.of(
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "169.253.1.1",
                "2606:4700::6810:85e5",
                "::ffff:8.8.8.8")) {
            assertThat(WebhookDestinations.internal(InetAddress.getByName(external)))
                    .as(external)
                    .isFalse();
        }
    }

    @Test
    void theRecipientIsToldTheKindOfFailureNeverItsText() {
        assertThat(Deliveries.describe(new WebhookChannel.DestinationRefused()))
                .isEqualTo("the destination is not allowed");
        assertThat(Deliveries.describe(new IOException("webhook answered HTTP 503")))
                .isEqualTo("the destination answered HTTP 503");
        assertThat(Deliveries.describe(new ConnectException("Connection refused: internal-db.corp:5432")))
                .isEqualTo("the destination could not be reached");
        assertThat(Deliveries.describe(new IllegalStateException("secret internal detail")))
                .doesNotContain("secret internal detail");
    }
}
