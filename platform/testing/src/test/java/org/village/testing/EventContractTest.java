package org.village.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.village.events.*;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.EventCatalog;
import org.village.events.EventJson;
import org.village.events.IntakePersonalDataErased;
import org.village.events.IntakeSubmitted;
import org.village.events.InvalidEventDataException;
import org.village.events.Priority;
import org.village.events.TaskScheduled;
import org.village.events.VillageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of every event type: what producers write validates, and readers tolerate additions. */
class EventContractTest {

    private static final Instant AT = Instant.parse("2026-11-20T21:30:00Z");

    static Stream<VillageEvent> samples() {
        return Stream.of(
                new IntakeSubmitted("intake-1", "riverside-pd", "officer.reyes", AT, DangerLevel.HIGH, true,
                        "PROTOCOL_QUESTIONS_1_3", true, List.of("SHELTER"), "es", 4),
                new IntakePersonalDataErased("intake-1", "case-1", AT),
                new CaseOpened("case-1", "intake-1", "bridges", "riverside-pd", "officer.reyes",
                        DangerLevel.HIGH, AT),
                new AdvocateAssigned("case-1", "advocate.avery", null, AT),
                new TaskScheduled("task-1", "case-1", "ADVOCATE_FIRST_CONTACT", "advocate.avery", "ADVOCATE",
                        AT.plusSeconds(86_400), Priority.HIGH),
                new TaskCompleted("task-1", "case-1", "advocate.avery", AT),
                new TaskOverdue("task-1", "case-1", "advocate.avery", AT),
                new TaskCancelled("task-1", "case-1", "advocate.avery", AT),
                new ConsentGranted("consent-1", "case-1", "SHELTER", "harbor-house", List.of("FIRST_NAME", "NEEDS"),
                        AT.plusSeconds(86_400)),
                new ConsentRevoked("consent-1", "case-1", "harbor-house", AT),
                new ProtectiveOrderChanged("case-1", "order-1", "TEMPORARY", java.time.LocalDate.of(2026, 12, 1),
                        AT.plusSeconds(86_400 * 30L)),
                new ProtectiveOrderExpiring("case-1", "order-1", AT.plusSeconds(86_400 * 5L), "advocate.avery",
                        "officer.reyes"),
                new CaseClosed("case-1", AT, "SAFE_AND_STABLE"),
                new NotificationAcknowledged("n-1", "case-1", "advocate.avery", AT, "CASE_ASSIGNED"),
                new BedAvailabilityChanged("harbor-house", 12, 5, 3, 4),
                new ReferralRequested("r-1", "case-1", "harbor-house", "advocate.avery", 4, DangerLevel.HIGH,
                        AT.plusSeconds(4 * 3600)),
                new ReferralAccepted("r-1", "case-1", "harbor-house", AT, null),
                new ReferralDeclined("r-1", "case-1", "harbor-house", AT, "NO_CAPACITY"),
                new ReferralExpired("r-1", "case-1", "harbor-house", AT, null),
                new ReferralRevoked("r-1", "case-1", "harbor-house", AT, "CONSENT_REVOKED"),
                new ReferralCompleted("r-1", "case-1", "harbor-house", AT, null),
                new ReferralUnanswered("r-1", "case-1", "harbor-house", "advocate.avery", "SHELTER_REMINDED",
                        AT.plusSeconds(4 * 3600), AT.plusSeconds(3600)));
    }

    @Test
    void everyCatalogTypeHasASample() {
        Map<Class<?>, VillageEvent> byClass =
                samples().collect(Collectors.toMap(Object::getClass, Function.identity()));
        EventCatalog.all().forEach(type -> assertThat(byClass).containsKey(type.dataClass()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void producedDataValidatesAgainstItsSchema(VillageEvent event) {
        EventContracts.assertValid(EventCatalog.of(event).type(), EventJson.write(event));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void consumerAcceptsAnUnknownExtraField(VillageEvent event) {
        String json = new String(EventJson.write(event), StandardCharsets.UTF_8);
        String withExtra = json.substring(0, json.length() - 1) + ",\"addedInAFutureVersion\":{\"x\":1}}";

        VillageEvent read = EventJson.read(withExtra.getBytes(StandardCharsets.UTF_8), event.getClass());

        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void dataMissingARequiredFieldIsRejectedByReaderAndSchema(VillageEvent event) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(EventContracts.violations(EventCatalog.of(event).type(), empty)).isNotEmpty();
        assertThatThrownBy(() -> EventJson.read(empty, event.getClass()))
                .isInstanceOf(InvalidEventDataException.class);
    }

    @Test
    void malformedJsonIsInvalidEventData() {
        assertThatThrownBy(() -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), CaseOpened.class))
                .isInstanceOf(InvalidEventDataException.class);
    }

    @Test
    void aWrongDateFormatBreaksTheSchema() {
        byte[] data = EventJson.write(new AdvocateAssigned("case-1", "advocate.avery", null, AT));
        String broken = new String(data, StandardCharsets.UTF_8).replace("2026-11-20T21:30:00Z", "yesterday");

        assertThat(EventContracts.violations("village.case.advocate-assigned.v1",
                broken.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }
}
