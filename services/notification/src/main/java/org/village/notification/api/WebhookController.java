package org.village.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.village.notification.delivery.WebhookDestinations;
import org.village.notification.domain.Webhook;
import org.village.notification.store.WebhookStore;
import org.village.security.Caller;
import org.village.security.Role;
import org.village.web.ApiProblem;
import org.village.web.IdempotencyKeys;

/**
 * Webhooks of an organisation's own systems, registered by an admin: every notification to one of its members is
 * POSTed there, signed ({@code X-Village-Signature: sha256=<hex HMAC of the body>}). The secret is never shown again.
 */
@RestController
public class WebhookController {

    private final WebhookStore webhooks;
    private final WebhookDestinations destinations;
    private final Clock clock;

    public WebhookController(WebhookStore webhooks, WebhookDestinations destinations, Clock clock) {
        this.webhooks = webhooks;
        this.destinations = destinations;
        this.clock = clock;
    }

    record NewWebhook(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}")
            String org,

            @NotBlank @Size(max = 2000) String url,
            @NotBlank @Size(min = 16, max = 256) String secret) {}

    record WebhookView(String webhookId, String org, String url, Instant createdAt, String createdBy) {
        static WebhookView of(Webhook w) {
            return new WebhookView(w.webhookId(), w.org(), w.url(), w.createdAt(), w.createdBy());
        }
    }

    @PostMapping("/api/webhooks")
    public ResponseEntity<WebhookView> register(
            Caller caller,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody NewWebhook body) {
        adminOnly(caller);
        String webhookId = IdempotencyKeys.resourceId(caller.userId(), "webhook", key);
        Webhook registered = webhooks.register(new Webhook(
                webhookId, body.org(), httpUrl(body.url()), body.secret(), clock.instant(), caller.userId()));
        return ResponseEntity.created(URI.create("/api/webhooks/" + webhookId)).body(WebhookView.of(registered));
    }

    @GetMapping("/api/webhooks")
    public List<WebhookView> all(Caller caller) {
        adminOnly(caller);
        return webhooks.all().stream().map(WebhookView::of).toList();
    }

    @DeleteMapping("/api/webhooks/{webhookId}")
    public ResponseEntity<Void> remove(Caller caller, @PathVariable String webhookId) {
        adminOnly(caller);
        if (!webhooks.remove(webhookId)) {
            throw ApiProblem.notFound("Webhook " + webhookId);
        }
        return ResponseEntity.noContent().build();
    }

    private static void adminOnly(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw ApiProblem.forbidden("Only an admin manages webhooks");
        }
    }

    /** An absolute http(s) URL without credentials in it, whose host is not an internal address. */
    private String httpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("url", "{webhook-url}");
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw ApiProblem.invalid("url", "{webhook-url}");
        }
        try {
            destinations.check(uri);
        } catch (WebhookDestinations.Refused refused) {
            throw ApiProblem.invalid("url", "{webhook-private}", String.valueOf(refused.getMessage()));
        } catch (UnknownHostException notYet) {
            // a name that does not resolve yet is checked again before every call
        }
        return uri.toString();
    }
}
