package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;
import org.village.messaging.AppliedEvents;
import org.village.notification.NotificationProperties;
import org.village.notification.domain.Webhook;
import org.village.security.sealing.KeyVault;
import org.village.security.sealing.Sealing;
import org.village.security.sealing.SubjectKeyStore;

/**
 * Webhooks registered by an admin ({@value #WEBHOOKS}). The secret signs deliveries and is never shown again; it
 * is stored sealed under the webhook's own key ({@value #KEYS}), destroyed when the webhook is removed.
 */
@Component
public class WebhookStore {

    public static final String WEBHOOKS = "webhooks";
    public static final String KEYS = "webhook_keys";

    /** How many organisations' webhooks an instance keeps at most. */
    private static final int KEPT_ORGS = 1_000;

    private final MongoCollection<Document> webhooks;
    private final SubjectKeyStore keys;
    private final ShortLived<String, List<Webhook>> kept;

    public WebhookStore(MongoDatabase database, KeyVault vault, Sealing sealing, NotificationProperties properties) {
        this.webhooks = database.getCollection(WEBHOOKS);
        this.kept = new ShortLived<>(properties.settingsKeptFor(), KEPT_ORGS);
        this.keys = new SubjectKeyStore(vault, database, KEYS, sealing);
        webhooks.createIndex(Indexes.ascending("org"));
    }

    /** Registers a webhook once: the same id registered again returns the first registration. */
    public Webhook register(Webhook webhook) {
        byte[] sealed = keys.createOrGet(webhook.webhookId())
                .seal(
                        Objects.requireNonNull(webhook.secret(), "a webhook is registered with its secret"),
                        webhook.webhookId() + "/secret");
        AppliedEvents.insertOnce(
                webhooks,
                new Document("_id", webhook.webhookId())
                        .append("org", webhook.org())
                        .append("url", webhook.url())
                        .append("sealedSecret", new Binary(sealed))
                        .append("createdAt", Date.from(webhook.createdAt()))
                        .append("createdBy", webhook.createdBy()));
        kept.forget(webhook.org());
        return find(webhook.webhookId()).orElseThrow();
    }

    public Optional<Webhook> find(String webhookId) {
        return Optional.ofNullable(webhooks.find(Filters.eq("_id", webhookId)).first())
                .map(doc -> webhook(doc, true));
    }

    /**
     * The webhooks of several organisations for routing, by organisation and without their secrets (a delivery
     * reads its webhook whole): those read in the last {@code settings-kept-for} as they were read, the others in
     * one read.
     */
    public Map<String, List<Webhook>> ofOrgs(Collection<String> orgs) {
        Map<String, List<Webhook>> found = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        orgs.stream()
                .filter(Objects::nonNull)
                .distinct()
                .forEach(org -> kept.get(org).ifPresentOrElse(hooks -> found.put(org, hooks), () -> unknown.add(org)));
        if (unknown.isEmpty()) {
            return found;
        }
        long beforeReading = kept.beforeReading();
        Map<String, List<Webhook>> read = new HashMap<>();
        unknown.forEach(org -> read.put(org, new ArrayList<>()));
        webhooks.find(Filters.in("org", unknown))
                .forEach(doc -> read.computeIfAbsent(doc.getString("org"), org -> new ArrayList<>())
                        .add(webhook(doc, false)));
        read.forEach((org, hooks) -> {
            List<Webhook> held = List.copyOf(hooks);
            kept.put(org, held, beforeReading);
            found.put(org, held);
        });
        return found;
    }

    /** Every webhook, without its secret. */
    public List<Webhook> all() {
        List<Webhook> found = new ArrayList<>();
        webhooks.find().sort(Sorts.ascending("org", "createdAt")).forEach(doc -> found.add(webhook(doc, false)));
        return found;
    }

    public boolean remove(String webhookId) {
        boolean removed = webhooks.deleteOne(Filters.eq("_id", webhookId)).getDeletedCount() > 0;
        kept.forgetAll();
        keys.destroy(webhookId);
        return removed;
    }

    private Webhook webhook(Document doc, boolean withSecret) {
        String id = doc.getString("_id");
        String secret = !withSecret
                ? null
                : keys.find(id)
                        .map(cipher -> cipher.open(
                                doc.get("sealedSecret", Binary.class).getData(), id + "/secret"))
                        .orElse(null);
        return new Webhook(
                id,
                doc.getString("org"),
                doc.getString("url"),
                secret,
                doc.getDate("createdAt").toInstant(),
                doc.getString("createdBy"));
    }
}
