package org.village.notification.domain;

import java.util.Locale;

/** The language a user reads Village in (their preference): notification titles, bodies and e-mails are in it. */
public enum Language {
    EN,
    ES;

    /** {@code "es"} → ES; anything else, or none, → EN. */
    public static Language of(String tag) {
        return "es".equalsIgnoreCase(tag) ? ES : EN;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
