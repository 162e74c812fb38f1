package org.village.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.village.events.Vocabulary;

/** The order statuses and task kinds case-service knows are the ones screens offer (platform/events' Vocabulary). */
class VocabularyTest {

    @Test
    void everyOrderStatusIsTheVocabularysInItsOrder() {
        assertThat(Arrays.stream(OrderStatus.values()).map(Enum::name))
                .containsExactlyElementsOf(Vocabulary.ORDER_STATUSES);
    }

    @Test
    void theKindsCaseServiceSchedulesForTheAdvocateAreOfferedToo() {
        assertThat(Vocabulary.TASK_KINDS).contains(TaskKinds.CONTACT_SURVIVOR, TaskKinds.ADVOCATE_FIRST_CONTACT);
    }
}
