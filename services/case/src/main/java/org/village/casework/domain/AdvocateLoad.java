package org.village.casework.domain;

/** How many open cases an advocate works, and how many of them are HIGH danger. */
public record AdvocateLoad(String advocate, long openHigh, long open) {

    public static AdvocateLoad none(String advocate) {
        return new AdvocateLoad(advocate, 0, 0);
    }
}
