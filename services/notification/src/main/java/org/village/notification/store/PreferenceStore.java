package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.village.notification.NotificationProperties;
import org.village.notification.domain.Language;
import org.village.notification.domain.Preferences;

/**
 * Each user's channels ({@value #PREFERENCES}); a user who never chose gets the in-app inbox only. Routing reads
 * them for every event's recipients, kept for {@code village.notification.settings-kept-for}.
 */
@Component
public class PreferenceStore {

    public static final String PREFERENCES = "preferences";

    /** How many users' preferences an instance keeps at most. */
    private static final int KEPT_USERS = 10_000;

    private final MongoCollection<Document> preferences;
    private final ShortLived<String, Preferences> kept;

    public PreferenceStore(MongoDatabase database, NotificationProperties properties) {
        this.preferences = database.getCollection(PREFERENCES);
        this.kept = new ShortLived<>(properties.settingsKeptFor(), KEPT_USERS);
    }

    public Preferences of(String userId) {
        Document doc = preferences.find(Filters.eq("_id", userId)).first();
        return doc == null ? Preferences.inAppOnly(userId) : preferences(doc);
    }

    /**
     * The preferences of several users for routing: those read in the last {@code settings-kept-for} as they were
     * read, the others in one read.
     */
    public Map<String, Preferences> of(Collection<String> userIds) {
        Map<String, Preferences> found = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        userIds.forEach(id -> kept.get(id).ifPresentOrElse(chosen -> found.put(id, chosen), () -> unknown.add(id)));
        if (unknown.isEmpty()) {
            return found;
        }
        long beforeReading = kept.beforeReading();
        Map<String, Preferences> read = new HashMap<>();
        unknown.forEach(id -> read.put(id, Preferences.inAppOnly(id)));
        preferences.find(Filters.in("_id", unknown)).forEach(doc -> read.put(doc.getString("_id"), preferences(doc)));
        read.forEach((id, chosen) -> kept.put(id, chosen, beforeReading));
        found.putAll(read);
        return found;
    }

    private static Preferences preferences(Document doc) {
        Set<Preferences.Channel> channels = EnumSet.noneOf(Preferences.Channel.class);
        doc.getList("channels", String.class, List.of()).forEach(c -> channels.add(Preferences.Channel.valueOf(c)));
        return new Preferences(
                doc.getString("_id"),
                doc.getString("email"),
                channels,
                doc.getString("language") == null ? null : Language.of(doc.getString("language")));
    }

    public void save(Preferences chosen, Instant now) {
        preferences.replaceOne(
                Filters.eq("_id", chosen.userId()),
                new Document("_id", chosen.userId())
                        .append("email", chosen.email())
                        .append(
                                "channels",
                                chosen.channels().stream()
                                        .map(Enum::name)
                                        .sorted()
                                        .toList())
                        .append(
                                "language",
                                chosen.language() == null
                                        ? null
                                        : chosen.language().tag())
                        .append("updatedAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
        kept.forget(chosen.userId());
    }
}
