package org.village.notification.domain;

import java.util.Set;

/** How a user wants to be reached. The in-app inbox is always on; e-mail needs an address. */
public record Preferences(String userId, String email, Set<Channel> channels) {

    public enum Channel { IN_APP, EMAIL }

    public static Preferences inAppOnly(String userId) {
        return new Preferences(userId, null, Set.of(Channel.IN_APP));
    }

    public boolean wantsEmail() {
        return channels.contains(Channel.EMAIL) && email != null;
    }
}
