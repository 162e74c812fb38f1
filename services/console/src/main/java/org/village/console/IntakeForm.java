package org.village.console;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The new-intake form as the officer filled it in. Its idempotency key is made when the form is shown, so that
 * a double click or a resent form creates one intake.
 */
public class IntakeForm {

    /** The LAP-11 question keys, in the protocol's order. */
    public static final List<String> QUESTIONS =
            IntStream.rangeClosed(1, 11).mapToObj(i -> "q" + i).toList();

    private String idempotencyKey = UUID.randomUUID().toString();
    private @Nullable String firstName;
    private @Nullable String lastName;
    private @Nullable String phone;
    private @Nullable Boolean safeToCall;
    private @Nullable String address;
    private @Nullable String preferredLanguage;
    private @Nullable Integer children;
    private @Nullable String occurredAt;
    private @Nullable String location;
    private @Nullable String relationship;
    private @Nullable String narrative;
    private Map<String, String> answers = new TreeMap<>();
    private boolean officerBelievesHighDanger;
    private boolean hotlineContacted;
    private boolean victimSpokeWithHotline;

    /** The body of POST /api/intakes; {@code occurredAt} read in the officer's time zone. */
    Map<String, Object> body(ZoneId zone) {
        Map<String, Object> survivor = new LinkedHashMap<>();
        put(survivor, "firstName", firstName);
        put(survivor, "lastName", lastName);
        put(survivor, "phone", phone);
        put(survivor, "safeToCall", safeToCall);
        put(survivor, "address", address);
        put(survivor, "preferredLanguage", preferredLanguage);
        put(survivor, "children", children);
        Map<String, Object> incident = new LinkedHashMap<>();
        if (occurredAt != null && !occurredAt.isBlank()) {
            try {
                incident.put(
                        "occurredAt",
                        LocalDateTime.parse(occurredAt).atZone(zone).toInstant().toString());
            } catch (DateTimeParseException e) {
                incident.put("occurredAt", occurredAt);
            }
        }
        put(incident, "location", location);
        put(incident, "relationship", relationship);
        put(incident, "narrative", narrative);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("survivor", survivor);
        body.put("incident", incident);
        body.put("lethalityScreen", screen());
        return body;
    }

    /** The lethality screen as answered so far. */
    Map<String, Object> screen() {
        Map<String, String> given = new LinkedHashMap<>();
        answers.forEach((question, answer) -> {
            if (QUESTIONS.contains(question) && answer != null && !answer.isBlank()) {
                given.put(question, answer);
            }
        });
        Map<String, Object> screen = new LinkedHashMap<>();
        screen.put("version", "LAP-11");
        screen.put("answers", given);
        screen.put("officerBelievesHighDanger", officerBelievesHighDanger);
        screen.put("hotlineContacted", hotlineContacted);
        screen.put("victimSpokeWithHotline", victimSpokeWithHotline);
        return screen;
    }

    private static void put(Map<String, Object> into, String key, @Nullable Object value) {
        if (value instanceof String text && text.isBlank()) {
            return;
        }
        if (value != null) {
            into.put(key, value instanceof String text ? text.strip() : value);
        }
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public @Nullable String getFirstName() {
        return firstName;
    }

    public void setFirstName(@Nullable String firstName) {
        this.firstName = firstName;
    }

    public @Nullable String getLastName() {
        return lastName;
    }

    public void setLastName(@Nullable String lastName) {
        this.lastName = lastName;
    }

    public @Nullable String getPhone() {
        return phone;
    }

    public void setPhone(@Nullable String phone) {
        this.phone = phone;
    }

    public @Nullable Boolean getSafeToCall() {
        return safeToCall;
    }

    public void setSafeToCall(@Nullable Boolean safeToCall) {
        this.safeToCall = safeToCall;
    }

    public @Nullable String getAddress() {
        return address;
    }

    public void setAddress(@Nullable String address) {
        this.address = address;
    }

    public @Nullable String getPreferredLanguage() {
        return preferredLanguage;
    }

    public void setPreferredLanguage(@Nullable String preferredLanguage) {
        this.preferredLanguage = preferredLanguage;
    }

    public @Nullable Integer getChildren() {
        return children;
    }

    public void setChildren(@Nullable Integer children) {
        this.children = children;
    }

    public @Nullable String getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(@Nullable String occurredAt) {
        this.occurredAt = occurredAt;
    }

    public @Nullable String getLocation() {
        return location;
    }

    public void setLocation(@Nullable String location) {
        this.location = location;
    }

    public @Nullable String getRelationship() {
        return relationship;
    }

    public void setRelationship(@Nullable String relationship) {
        this.relationship = relationship;
    }

    public @Nullable String getNarrative() {
        return narrative;
    }

    public void setNarrative(@Nullable String narrative) {
        this.narrative = narrative;
    }

    public Map<String, String> getAnswers() {
        return answers;
    }

    public void setAnswers(Map<String, String> answers) {
        this.answers = answers;
    }

    public boolean isOfficerBelievesHighDanger() {
        return officerBelievesHighDanger;
    }

    public void setOfficerBelievesHighDanger(boolean officerBelievesHighDanger) {
        this.officerBelievesHighDanger = officerBelievesHighDanger;
    }

    public boolean isHotlineContacted() {
        return hotlineContacted;
    }

    public void setHotlineContacted(boolean hotlineContacted) {
        this.hotlineContacted = hotlineContacted;
    }

    public boolean isVictimSpokeWithHotline() {
        return victimSpokeWithHotline;
    }

    public void setVictimSpokeWithHotline(boolean victimSpokeWithHotline) {
        this.victimSpokeWithHotline = victimSpokeWithHotline;
    }
}
