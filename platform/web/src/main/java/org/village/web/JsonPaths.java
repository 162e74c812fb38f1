package org.village.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** Names the place in a JSON body that a parse error points to, as {@code survivor.dateOfBirth}. */
final class JsonPaths {

    private JsonPaths() {}

    static String of(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
