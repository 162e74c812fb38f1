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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.village.notification.domain.Language;
import org.village.notification.domain.Preferences;

/** Each user's channels ({@value #PREFERENCES}); a user who never chose gets the in-app inbox only. */
@Component
public class PreferenceStore {

    public static final String PREFERENCES = "preferences";

    private final MongoCollection<Document> preferences;

    public PreferenceStore(MongoDatabase database) {
        this.preferences = database.getCollection(PREFERENCES);
    }

    public Preferences of(String userId) {
        Document doc = preferences.find(Filters.eq("_id", userId)).first();
        return doc == null ? Preferences.inAppOnly(userId) : preferences(doc);
    }

    /** The preferences of several users in one read. */
    public Map<String, Preferences> of(Collection<String> userIds) {
        Map<String, Preferences> found = new HashMap<>();
        userIds.forEach(id -> found.put(id, Preferences.inAppOnly(id)));
        if (!userIds.isEmpty()) {
            preferences
                    .find(Filters.in("_id", userIds))
                    .forEach(doc -> found.put(doc.getString("_id"), preferences(doc)));
        }
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
    }
}
