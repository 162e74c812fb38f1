package org.village.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.ServiceUnderTest;
import org.village.testing.TestClock;

/**
 * notification-service running against a real Kafka broker, a MongoDB endpoint and a real SMTP server (GreenMail),
 * with the demo organisations and a clock the tests move. Every integration test extends it, so that they share
 * one application context.
 */
@ActiveProfiles("test")
@Import(TestClock.class)
abstract class RunningService extends ServiceUnderTest {

    @Autowired
    MongoDatabase database;

    static final int SMTP_PORT = freePort();
    private static GreenMail mail;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("village.notification.delivery.open-for", () -> "PT1S");
    }

    /** The SMTP server, started on its port if it is not running. */
    static synchronized GreenMail mailServer() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
        }
        return mail;
    }

    /** Stops the SMTP server, as if it died; {@link #mailServer()} starts a new, empty one on the same port. */
    static synchronized void killMailServer() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
