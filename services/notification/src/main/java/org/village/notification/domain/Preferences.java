package org.village.notification.domain;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a user wants to be reached, and in which language they read: the in-app inbox is always on; e-mail needs an
 * address; notifications are written in their language ({@code null} until they choose: English).
 */
public record Preferences(
        String userId,
        @Nullable String email,
        Set<Channel> channels,
        @Nullable Language language) {

    public enum Channel {
        IN_APP,
        EMAIL
    }

    public static Preferences inAppOnly(String userId) {
        return new Preferences(userId, null, Set.of(Channel.IN_APP), null);
    }

    /** The language to write to them in: theirs, or English until they choose. */
    public Language writtenIn() {
        return language == null ? Language.EN : language;
    }

    public boolean wantsEmail() {
        return channels.contains(Channel.EMAIL) && email != null;
    }
}
