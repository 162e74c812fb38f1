package org.village.reporting.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How each shelter's beds were used in a period, and how it answered the referrals sent to it. A bed night is a
 * bed as it stood at the end of a night of the period (the shelter's last count before midnight in the
 * organisation's time zone): occupied, held for an accepted referral, or available; nights not yet over are not
 * counted. Utilisation is the share of bed nights occupied, and of those occupied or held.
 */
public final class ShelterUse {

    public static final List<String> COLUMNS = Figures.columns("shelter");

    private ShelterUse() {}

    /**
     * The report over the shelters' bed counts until the period's end, oldest first, and the referrals sent in it;
     * {@code shelters} limits it to those shelters when not null.
     */
    public static List<List<Object>> of(
            List<BedSnapshot> beds,
            List<ReferralFact> referrals,
            @Nullable Set<String> shelters,
            Period period,
            Instant now,
            Suppression suppression) {
        Set<String> reported = new TreeSet<>();
        beds.forEach(snapshot -> reported.add(snapshot.shelterId()));
        referrals.forEach(referral -> reported.add(referral.shelterId()));
        if (shelters != null) {
            reported.retainAll(shelters);
        }
        Map<String, long[]> nights = bedNights(beds, period, now);
        Map<String, List<ReferralFact>> received = new TreeMap<>();
        referrals.forEach(referral -> received.computeIfAbsent(referral.shelterId(), key -> new ArrayList<>())
                .add(referral));
        Figures figures = new Figures(suppression);
        for (String shelter : reported) {
            figures.about(shelter);
            long[] counted = nights.getOrDefault(shelter, new long[3]);
            long total = counted[0];
            long occupied = counted[1];
            long held = counted[2];
            Map<String, Long> use = Figures.zeroes(List.of("OCCUPIED", "HELD", "AVAILABLE"));
            use.put("OCCUPIED", occupied);
            use.put("HELD", held);
            use.put("AVAILABLE", total - occupied - held);
            Suppression.Group shown = figures.breakdown("bedNights", Figures.ALL, use);
            boolean totalHidden = shown.total().suppressed();
            boolean occupiedHidden = shown.parts().get(0).suppressed();
            boolean heldHidden = shown.parts().get(1).suppressed();
            figures.share("utilisation", Figures.ALL, "OCCUPIED", occupied, total, totalHidden || occupiedHidden);
            figures.share(
                    "utilisation",
                    Figures.ALL,
                    "OCCUPIED_OR_HELD",
                    occupied + held,
                    total,
                    totalHidden || occupiedHidden || heldHidden);
            answers(figures, received.getOrDefault(shelter, List.of()));
        }
        return figures.lines();
    }

    private static void answers(Figures figures, List<ReferralFact> referrals) {
        Map<String, Long> answered = Figures.zeroes(
                List.of("ANSWERED_IN_TIME", "ANSWERED_LATE", ReferralFact.EXPIRED, ReferralFact.REVOKED, "PENDING"));
        List<Duration> toAnswer = new ArrayList<>();
        for (ReferralFact referral : referrals) {
            Instant answeredAt = referral.answeredAt();
            String state;
            if (answeredAt != null) {
                state = referral.answeredInTime() ? "ANSWERED_IN_TIME" : "ANSWERED_LATE";
                toAnswer.add(Duration.between(referral.requestedAt(), answeredAt));
            } else {
                String outcome = referral.outcome();
                state = outcome == null ? "PENDING" : outcome;
            }
            answered.merge(state, 1L, Long::sum);
        }
        figures.breakdown("referralsReceived", "answer", answered);
        figures.statistic("answerHours", Figures.ALL, "median", Figures.medianHours(toAnswer), toAnswer.size());
    }

    /** Per shelter: total, occupied and held bed nights over the nights of the period that are over. */
    private static Map<String, long[]> bedNights(List<BedSnapshot> beds, Period period, Instant now) {
        Map<String, long[]> nights = new HashMap<>();
        Map<String, BedSnapshot> standing = new HashMap<>();
        int next = 0;
        for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
            Instant midnight = day.plusDays(1).atStartOfDay(period.zone()).toInstant();
            if (midnight.isAfter(now)) {
                break;
            }
            while (next < beds.size() && beds.get(next).at().isBefore(midnight)) {
                standing.put(beds.get(next).shelterId(), beds.get(next));
                next++;
            }
            standing.forEach((shelter, snapshot) -> {
                long[] counted = nights.computeIfAbsent(shelter, key -> new long[3]);
                counted[0] += snapshot.total();
                counted[1] += snapshot.occupied();
                counted[2] += snapshot.held();
            });
        }
        return nights;
    }
}
