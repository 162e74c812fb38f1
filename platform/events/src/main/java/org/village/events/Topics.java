package org.village.events;

import java.util.List;

/** Kafka topic names, one per producing service, and their dead-letter companions. */
public final class Topics {

    public static final String INTAKE_EVENTS = "intake.events.v1";
    public static final String CASE_EVENTS = "case.events.v1";
    public static final String REFERRAL_EVENTS = "referral.events.v1";
    public static final String NOTIFICATION_EVENTS = "notification.events.v1";

    private static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {}

    /** The dead-letter topic that receives records of {@code topic} that could not be processed. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static List<String> all() {
        return List.of(INTAKE_EVENTS, CASE_EVENTS, REFERRAL_EVENTS, NOTIFICATION_EVENTS);
    }
}
