package org.village.intake.domain;

/** A screen that names an unknown version, question or answer. */
public class InvalidScreenException extends RuntimeException {

    private final String field;

    public InvalidScreenException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
