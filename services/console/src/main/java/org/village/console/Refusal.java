package org.village.console;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change the API refused, carried to the page it came from: the sentence, the fields it names and what the user
 * typed, so that nothing is lost. The page shows them next to the form named {@code form}.
 */
public record Refusal(String form, @Nullable String message, Map<String, String> fields, Map<String, String> typed) {

    public @Nullable String field(String name) {
        return fields.get(name);
    }

    public @Nullable String value(String name) {
        return typed.get(name);
    }
}
