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
import org.springframework.stereotype.Component;
import org.village.messaging.AppliedEvents;
import org.village.notification.domain.Webhook;

/** Webhooks registered by an admin ({@value #WEBHOOKS}); the secret signs deliveries and is never shown again. */
@Component
public class WebhookStore {

    public static final String WEBHOOKS = "webhooks";

    private final MongoCollection<Document> webhooks;

    public WebhookStore(MongoDatabase database) {
        this.webhooks = database.getCollection(WEBHOOKS);
        webhooks.createIndex(Indexes.ascending("org"));
    }

    /** Registers a webhook once: the same id registered again returns the first registration. */
    public Webhook register(Webhook webhook) {
        AppliedEvents.insertOnce(webhooks, new Document("_id", webhook.webhookId()).append("org", webhook.org())
                .append("url", webhook.url()).append("secret", webhook.secret())
                .append("createdAt", Date.from(webhook.createdAt())).append("createdBy", webhook.createdBy()));
        return find(webhook.webhookId()).orElseThrow();
    }

    public Optional<Webhook> find(String webhookId) {
        return Optional.ofNullable(webhooks.find(Filters.eq("_id", webhookId)).first()).map(WebhookStore::webhook);
    }

    /** The webhooks of several organisations in one read, by organisation. */
    public Map<String, List<Webhook>> ofOrgs(Collection<String> orgs) {
        Map<String, List<Webhook>> found = new HashMap<>();
        List<String> named = orgs.stream().filter(Objects::nonNull).distinct().toList();
        if (!named.isEmpty()) {
            webhooks.find(Filters.in("org", named)).forEach(doc ->
                    found.computeIfAbsent(doc.getString("org"), org -> new ArrayList<>()).add(webhook(doc)));
        }
        return found;
    }

    public List<Webhook> all() {
        List<Webhook> found = new ArrayList<>();
        webhooks.find().sort(Sorts.ascending("org", "createdAt")).forEach(doc -> found.add(webhook(doc)));
        return found;
    }

    public boolean remove(String webhookId) {
        return webhooks.deleteOne(Filters.eq("_id", webhookId)).getDeletedCount() > 0;
    }

    private static Webhook webhook(Document doc) {
        return new Webhook(doc.getString("_id"), doc.getString("org"), doc.getString("url"), doc.getString("secret"),
                doc.getDate("createdAt").toInstant(), doc.getString("createdBy"));
    }
}
