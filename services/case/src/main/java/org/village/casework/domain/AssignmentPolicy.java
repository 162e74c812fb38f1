package org.village.casework.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    /** The advocate to assign, or empty when the agency has none. */
    public static Optional<String> choose(List<String> advocates, Map<String, AdvocateLoad> loads) {
        return advocates.stream()
                .map(advocate -> loads.getOrDefault(advocate, AdvocateLoad.none(advocate)))
                .min(ORDER)
                .map(AdvocateLoad::advocate);
    }
}
