package org.village.security.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of checking an audit trail.
 *
 * @param intact whether every entry is there, unchanged, in order
 * @param entries how many entries were checked and found in order
 * @param brokenAt the sequence number of the first entry found missing or changed, or null
 * @param problem what was found, or null
 */
public record Verification(
        boolean intact,
        long entries,
        @Nullable Long brokenAt,
        @Nullable String problem) {

    static Verification intact(long entries) {
        return new Verification(true, entries, null, null);
    }

    static Verification broken(long entriesInOrder, long at, String problem) {
        return new Verification(false, entriesInOrder, at, problem);
    }
}
