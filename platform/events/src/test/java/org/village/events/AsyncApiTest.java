package org.village.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The AsyncAPI description names every type of the catalogue on its topic, with its data's schema. */
class AsyncApiTest {

    private final JsonNode document = JsonMapper.builder().build().readTree(AsyncApi.document());

    @Test
    void everyCatalogueTypeIsAMessageOnItsTopicWithItsSchema() {
        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(document.get("components").get("messages").size())
                .isEqualTo(EventCatalog.all().size());
        for (EventType<?> type : EventCatalog.all()) {
            JsonNode message = document.get("components").get("messages").get(type.type());
            assertThat(message).as(type.type()).isNotNull();
            assertThat(message.get("payload").get("schema").get("title").asString())
                    .isEqualTo(type.dataClass().getSimpleName());
            assertThat(document.get("channels")
                            .get(type.topic())
                            .get("messages")
                            .has(type.type()))
                    .isTrue();
            assertThat(document.get("operations")
                            .get("send-" + type.type())
                            .get("action")
                            .asString())
                    .isEqualTo("send");
        }
    }

    @Test
    void onlyTheCataloguesTopicsAreChannels() {
        assertThat(document.get("channels").propertyNames())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream()
                        .map(EventType::topic)
                        .distinct()
                        .toList());
    }
}
