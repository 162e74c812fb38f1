package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;
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
        if (doc == null) {
            return Preferences.inAppOnly(userId);
        }
        Set<Preferences.Channel> channels = EnumSet.noneOf(Preferences.Channel.class);
        doc.getList("channels", String.class, List.of()).forEach(c -> channels.add(Preferences.Channel.valueOf(c)));
        return new Preferences(userId, doc.getString("email"), channels);
    }

    public void save(Preferences chosen, Instant now) {
        preferences.replaceOne(Filters.eq("_id", chosen.userId()), new Document("_id", chosen.userId())
                        .append("email", chosen.email())
                        .append("channels", chosen.channels().stream().map(Enum::name).sorted().toList())
                        .append("updatedAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
    }
}
