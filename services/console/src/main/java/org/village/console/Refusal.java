package org.village.console;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change the API refused, carried to the page it came from: the sentence, the fields it names and what the user
 * typed, so that nothing is lost. The page shows them next to the form named {@code form}. When the API could not
 * say it in the user's language ({@code foreign}: a rule's own sentence, which it has in English only), the page
 * says what kind of refusal it is ({@code type}) in the user's language and shows the API's sentence marked as
 * English.
 */
public record Refusal(
        String form,
        @Nullable String message,
        Map<String, String> fields,
        Map<String, String> typed,
        String type,
        boolean foreign) {

    /** A refusal the console found itself, in the user's language. */
    public Refusal(String form, @Nullable String message, Map<String, String> fields, Map<String, String> typed) {
        this(form, message, fields, typed, "", false);
    }

    /** The API's refusal, with what the user typed. */
    static Refusal of(String form, VillageApi.Problem problem, Map<String, String> typed) {
        return new Refusal(form, problem.getMessage(), problem.fieldErrors(), typed, problem.type(), problem.foreign());
    }

    public @Nullable String field(String name) {
        return fields.get(name);
    }

    public @Nullable String value(String name) {
        return typed.get(name);
    }
}
