package org.village.events;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of event data. Readers ignore fields they do not know, so that producers can add optional
 * fields without breaking consumers.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventJson() {}

    public static byte[] write(VillageEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * Reads event data into its record.
     *
     * @throws InvalidEventDataException when the bytes are not JSON or break the record's rules
     */
    public static <T extends VillageEvent> T read(byte[] data, Class<T> type) {
        try {
            return MAPPER.readValue(data, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidEventDataException(type.getSimpleName() + " data is invalid: " + rootMessage(e), e);
        }
    }

    private static @Nullable String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
