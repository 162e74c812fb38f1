package org.village.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.village.events.EventCatalog;
import org.village.events.EventType;

/** Checks event data against the JSON Schema that {@code platform/events} publishes for its type. */
public final class EventContracts {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {}

    /** The schema violations of {@code data} for the CloudEvents type {@code type}; empty when it is valid. */
    public static Set<ValidationMessage> violations(String type, byte[] data) {
        EventType<?> eventType =
                EventCatalog.byName(type).orElseThrow(() -> new AssertionError("unknown event type " + type));
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, t -> load(eventType));
        return schema.validate(new String(data, StandardCharsets.UTF_8), InputFormat.JSON);
    }

    public static void assertValid(String type, byte[] data) {
        assertThat(violations(type, data))
                .as("%s data %s against its schema", type, new String(data, StandardCharsets.UTF_8))
                .isEmpty();
    }

    private static JsonSchema load(EventType<?> type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaPath())) {
            if (in == null) {
                throw new AssertionError("no schema at " + type.schemaPath());
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
