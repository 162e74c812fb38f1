package org.village.casework.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * D2 assignment: the agency's advocate with the fewest open HIGH cases, ties broken by fewest open cases,
 * then by name. Deterministic, so the same loads always give the same advocate.
 */
public final class AssignmentPolicy {

    private static final Comparator<AdvocateLoad> ORDER = Comparator.comparingLong(AdvocateLoad::openHigh)
            .thenComparingLong(AdvocateLoad::open)
            .thenComparing(AdvocateLoad::advocate);

    private AssignmentPolicy() {}

    /** How an advocate's load is counted, one count at a time. */
    public interface Loads {

        long openHigh(String advocate);

        long open(String advocate);
    }

    /**
     * The advocate to assign, or empty when the agency has none, counting only what the choice needs: every advocate's open HIGH cases, and the open
     * cases of those tied at the fewest HIGH ones (one count per advocate when none is tied).
     */
    public static Optional<String> choose(List<String> advocates, Loads loads) {
        long fewest = Long.MAX_VALUE;
        List<String> tied = new ArrayList<>();
        for (String advocate : advocates) {
            long high = loads.openHigh(advocate);
            if (high < fewest) {
                fewest = high;
                tied.clear();
            }
            if (high == fewest) {
                tied.add(advocate);
            }
        }
        if (tied.size() <= 1) {
            return tied.stream().findFirst();
        }
        long least = fewest;
        return tied.stream()
                .map(advocate -> new AdvocateLoad(advocate, least, loads.open(advocate)))
                .min(ORDER)
                .map(AdvocateLoad::advocate);
    }
}
