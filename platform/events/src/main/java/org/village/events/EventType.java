package org.village.events;

/**
 * One CloudEvents type: its name, the topic it travels on, the record that carries its data and the
 * JSON Schema that data must satisfy.
 */
public record EventType<T extends VillageEvent>(String type, String topic, Class<T> dataClass) {

    private static final String SCHEMA_ROOT = "/org/village/events/schemas/";
    private static final String TYPE_PREFIX = "village.";

    public EventType {
        Require.present(type, "type");
        Require.present(topic, "topic");
        Require.present(dataClass, "dataClass");
    }

    /** The CloudEvents {@code dataschema}: where the schema of this type's data lives on the classpath. */
    public String schemaPath() {
        return SCHEMA_ROOT + type.substring(TYPE_PREFIX.length()) + ".json";
    }

    /** The CloudEvents {@code source} for events of this type, e.g. {@code /village/intake}. */
    public String source() {
        return "/village/" + type.split("\\.", -1)[1];
    }
}
