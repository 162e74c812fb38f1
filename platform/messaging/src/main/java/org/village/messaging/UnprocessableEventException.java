package org.village.messaging;

/**
 * A valid event that this service cannot act on until someone changes something (its configuration, say).
 * Retrying will not help: the record goes to the dead-letter topic, where it can be replayed after the fix.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}
