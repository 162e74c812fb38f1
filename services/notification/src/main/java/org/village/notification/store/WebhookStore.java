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

    private final MongoCollection<Document> webhooks;
    private final SubjectKeyStore keys;

    public WebhookStore(MongoDatabase database, KeyVault vault, Sealing sealing) {
        this.webhooks = database.getCollection(WEBHOOKS);
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
        return find(webhook.webhookId()).orElseThrow();
    }

    public Optional<Webhook> find(String webhookId) {
        return Optional.ofNullable(webhooks.find(Filters.eq("_id", webhookId)).first())
                .map(doc -> webhook(doc, true));
    }

    /** The webhooks of several organisations in one read, by organisation. */
    public Map<String, List<Webhook>> ofOrgs(Collection<String> orgs) {
        Map<String, List<Webhook>> found = new HashMap<>();
        List<String> named = orgs.stream().filter(Objects::nonNull).distinct().toList();
        if (!named.isEmpty()) {
            webhooks.find(Filters.in("org", named))
                    .forEach(doc -> found.computeIfAbsent(doc.getString("org"), org -> new ArrayList<>())
                            .add(webhook(doc, true)));
        }
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
