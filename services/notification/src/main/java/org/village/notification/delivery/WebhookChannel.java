package org.village.notification.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.village.notification.NotificationProperties;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Notification;
import org.village.notification.domain.Webhook;
import org.village.notification.store.WebhookStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs the notification as JSON to a webhook of the recipient's organisation, signed with its secret, after
 * checking that its destination is not an internal address ({@link WebhookDestinations}); redirects are not
 * followed. Any
 * answer but 2xx is a failure, tried again later. The same notification and send count always sends the same
 * {@code X-Village-Delivery}, so a receiver can drop a repeat.
 */
@Component
public class WebhookChannel implements Channel {

    private final WebhookStore webhooks;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final WebhookDestinations destinations;

    public WebhookChannel(
            WebhookStore webhooks,
            NotificationProperties properties,
            JsonMapper json,
            WebhookDestinations destinations) {
        this.webhooks = webhooks;
        this.destinations = destinations;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.delivery().timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Delivery.Channel kind() {
        return Delivery.Channel.WEBHOOK;
    }

    @Override
    public String resilienceName(Delivery delivery) {
        return "webhook-" + delivery.webhookId();
    }

    @Override
    public void send(Notification notification, Delivery delivery) throws IOException, InterruptedException {
        Webhook webhook = webhooks.find(
                        Objects.requireNonNull(delivery.webhookId(), "a webhook delivery names its webhook"))
                .orElseThrow(() -> new Nowhere("the webhook was removed"));
        String secret = webhook.secret();
        if (secret == null) {
            throw new Nowhere("the webhook was removed");
        }
        URI destination = URI.create(webhook.url());
        try {
            destinations.check(destination);
        } catch (WebhookDestinations.Refused refused) {
            throw new DestinationRefused();
        }
        byte[] body = json.writeValueAsBytes(payload(notification));
        HttpRequest request = HttpRequest.newBuilder(destination)
                .timeout(properties.delivery().timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .header("X-Village-Delivery", notification.notificationId() + ":" + notification.sendCount())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IOException("webhook answered HTTP " + status);
        }
    }

    /** The webhook's destination resolves to an address it may not be sent to; tried again later, as DNS changes. */
    public static final class DestinationRefused extends IOException {
        DestinationRefused() {
            super("the destination is not allowed");
        }
    }

    static Map<String, Object> payload(Notification n) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("notificationId", n.notificationId());
        payload.put("recipientId", n.recipient().userId());
        payload.put("kind", n.kind().name());
        payload.put("priority", n.priority().name());
        payload.put("title", n.title());
        payload.put("body", n.body());
        payload.put("caseId", n.caseId());
        payload.put("createdAt", n.createdAt().toString());
        payload.put("requiresAck", n.requiresAck());
        payload.put("sendCount", n.sendCount());
        return payload;
    }
}
