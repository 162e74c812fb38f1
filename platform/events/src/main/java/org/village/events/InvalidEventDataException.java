package org.village.events;

import org.jspecify.annotations.Nullable;

/** Event data that can never be processed: malformed JSON, or a record whose rules it breaks. */
public class InvalidEventDataException extends RuntimeException {

    public InvalidEventDataException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
