package org.village.notification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.village.events.DangerLevel;
import org.village.events.Priority;

/**
 * What routing knows beside the event itself: the case it is about, the case and referral as last seen (either may
 * be unknown), who works where, and when the event happened. Every lookup answers "nobody" rather than failing when
 * it lacks a fact.
 */
public record Facts(
        @Nullable String caseId,
        @Nullable CaseRef caseRef,
        @Nullable ReferralRef referral,
        Directory directory,
        Instant eventTime) {

    /** Facts about a known case (or none), from its projection. */
    public static Facts of(
            @Nullable CaseRef caseRef, @Nullable ReferralRef referral, Directory directory, Instant eventTime) {
        String caseId = caseRef != null ? caseRef.caseId() : referral != null ? referral.caseId() : null;
        return new Facts(caseId, caseRef, referral, directory, eventTime);
    }

    public @Nullable String agencyId() {
        return caseRef == null ? null : caseRef.agencyId();
    }

    public boolean highDanger() {
        return (caseRef != null && caseRef.dangerLevel() == DangerLevel.HIGH)
                || (referral != null && referral.dangerLevel() == DangerLevel.HIGH);
    }

    /** URGENT for a HIGH danger case, else {@code otherwise}. */
    public Priority urgentIfHighDanger(Priority otherwise) {
        return highDanger() ? Priority.URGENT : otherwise;
    }

    public List<Recipient> advocate(@Nullable String userId) {
        return one(userId, id -> new Recipient(id, Audience.ADVOCATE, agencyId()));
    }

    public List<Recipient> officer(@Nullable String userId) {
        String department = caseRef == null ? null : caseRef.departmentId();
        return one(userId, id -> new Recipient(id, Audience.OFFICER, department));
    }

    /** The case's advocate now. */
    public List<Recipient> caseAdvocate() {
        return caseRef == null ? List.of() : advocate(caseRef.advocateId());
    }

    /** The officer who submitted the intake the case was opened from. */
    public List<Recipient> submittingOfficer() {
        return caseRef == null ? List.of() : officer(caseRef.officerId());
    }

    /** A task's assignee: the submitting officer is spoken to as an officer, anyone else as the agency's staff. */
    public List<Recipient> assignee(@Nullable String userId) {
        if (caseRef != null && userId != null && userId.equals(caseRef.officerId())) {
            return officer(userId);
        }
        if (directory.supervisorsOf(agencyId()).contains(userId)) {
            return one(userId, id -> new Recipient(id, Audience.SUPERVISOR, agencyId()));
        }
        return advocate(userId);
    }

    public List<Recipient> agencySupervisors() {
        return directory.supervisorsOf(agencyId()).stream()
                .map(id -> new Recipient(id, Audience.SUPERVISOR, agencyId()))
                .toList();
    }

    public List<Recipient> shelterStaff(String shelterId) {
        return directory.staffOf(shelterId).stream()
                .map(id -> new Recipient(id, Audience.SHELTER_STAFF, shelterId))
                .toList();
    }

    /**
     * The advocate a referral's news is for: whoever works its case now (a reassigned case's referrals move with
     * it), else the advocate who made it.
     */
    public List<Recipient> referringAdvocate() {
        if (caseRef != null && !one(caseRef.advocateId(), id -> id).isEmpty()) {
            return caseAdvocate();
        }
        return referral == null ? List.of() : advocate(referral.advocateId());
    }

    @SafeVarargs
    public static List<Recipient> all(List<Recipient>... groups) {
        List<Recipient> everyone = new ArrayList<>();
        for (List<Recipient> group : groups) {
            group.stream()
                    .filter(r -> everyone.stream().noneMatch(e -> e.userId().equals(r.userId())))
                    .forEach(everyone::add);
        }
        return everyone;
    }

    /** The one recipient {@code userId} names, or nobody when it names none. */
    private static <T> List<T> one(@Nullable String userId, Function<String, T> recipient) {
        return userId == null || userId.isBlank() ? List.of() : List.of(recipient.apply(userId));
    }
}
