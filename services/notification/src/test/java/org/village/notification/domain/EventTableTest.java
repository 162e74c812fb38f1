package org.village.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseEvent;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralOutcome;
import org.village.events.TaskCompleted;

class EventTableTest {

    private final EventTable<String> table = EventTable.<String>of()
            .on(CaseOpened.class, opened -> "opened " + opened.caseId())
            .on(CaseEvent.class, event -> "case event " + event.caseId())
            .on(ReferralOutcome.class, outcome -> outcome.referralId().equals("r-silent") ? null : "outcome")
            .build();

    @Test
    void theFirstRowWhoseTypeTheEventIsAnsweredAndAFamilyCoversItsMembers() {
        CaseOpened opened = new CaseOpened(
                "c-1", "i-1", "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, Instant.now());

        assertThat(table.apply(opened)).contains("opened c-1");
        assertThat(table.apply(new AdvocateAssigned("c-2", "advocate.avery", null, Instant.now())))
                .contains("case event c-2");
        assertThat(table.covers(TaskCompleted.class)).isTrue();
        assertThat(table.covers(ReferralDeclined.class)).isTrue();
    }

    @Test
    void anEventNoRowCoversAndARowThatGivesNothingAnswerEmpty() {
        EventTable<String> onlyCases =
                EventTable.<String>of().on(CaseEvent.class, CaseEvent::caseId).build();

        assertThat(onlyCases.covers(ReferralDeclined.class)).isFalse();
        assertThat(table.apply(new ReferralDeclined("r-silent", "c-3", "shelter-1", Instant.now(), "NO_CAPACITY")))
                .isEmpty();
    }
}
