package org.village.events;

/** Event data that can never be processed: malformed JSON, or a record whose rules it breaks. */
public class InvalidEventDataException extends RuntimeException {

    public InvalidEventDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
