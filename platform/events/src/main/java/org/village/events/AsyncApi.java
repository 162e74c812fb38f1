package org.village.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events described as AsyncAPI 3.0, built from the catalogue and its JSON Schemas: one channel per topic, one
 * message per CloudEvents type with its {@code ce_*} headers and its data's schema, and which service sends it.
 * Nothing is written by hand, so the description cannot drift from what is published.
 */
public final class AsyncApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AsyncApi() {}

    /** The document, as JSON. */
    public static String document() {
        ObjectNode root = JSON.createObjectNode();
        root.put("asyncapi", "3.0.0");
        root.putObject("info")
                .put("title", "Village events")
                .put("version", "v1")
                .put(
                        "description",
                        "CloudEvents 1.0 over Kafka in binary mode; record key = case id (intake id "
                                + "before a case exists). "
                                + "No personal data travels on any of them. See docs/EVENTS.md.");
        root.put("defaultContentType", "application/json");
        ObjectNode channels = root.putObject("channels");
        ObjectNode operations = root.putObject("operations");
        ObjectNode messages = root.putObject("components").putObject("messages");
        for (EventType<?> type : EventCatalog.all()) {
            String name = type.type();
            ObjectNode channel = channels.has(type.topic())
                    ? (ObjectNode) channels.get(type.topic())
                    : channels.putObject(type.topic()).put("address", type.topic());
            if (!channel.has("messages")) {
                channel.putObject("messages");
            }
            ((ObjectNode) channel.get("messages")).putObject(name).put("$ref", "#/components/messages/" + name);

            ObjectNode message = messages.putObject(name);
            message.put("name", name)
                    .put("title", type.dataClass().getSimpleName())
                    .put("contentType", "application/json");
            ObjectNode headers = message.putObject("headers").put("type", "object");
            ObjectNode header = headers.putObject("properties");
            header.putObject("ce_type").put("const", name);
            header.putObject("ce_source").put("const", type.source());
            header.putObject("ce_id")
                    .put("type", "string")
                    .put("description", "a UUID, the idempotency key downstream");
            header.putObject("ce_time").put("type", "string").put("format", "date-time");
            header.putObject("ce_subject").put("type", "string");
            header.putObject("ce_dataschema").put("type", "string");
            headers.putArray("required").add("ce_id").add("ce_type").add("ce_source");
            message.putObject("payload")
                    .put("schemaFormat", "application/schema+json;version=draft-2020-12")
                    .set("schema", schema(type));

            operations
                    .putObject("send-" + name)
                    .put("action", "send")
                    .put("description", "Published by " + type.source().substring("/village/".length()) + "-service")
                    .set("channel", JSON.createObjectNode().put("$ref", "#/channels/" + type.topic()));
            ((ObjectNode) operations.get("send-" + name))
                    .putArray("messages")
                    .addObject()
                    .put("$ref", "#/channels/" + type.topic() + "/messages/" + name);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static JsonNode schema(EventType<?> type) {
        try (InputStream in = AsyncApi.class.getResourceAsStream(type.schemaPath())) {
            if (in == null) {
                throw new IllegalStateException("No schema at " + type.schemaPath());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
