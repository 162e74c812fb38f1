package org.village.intake.domain;

/**
 * A screen that names an unknown version, question or answer. Its message is a key of the service's
 * {@code problems.properties}, said with {@link #args()} in the caller's language.
 */
public class InvalidScreenException extends RuntimeException {

    private final String field;
    private final Object[] args;

    public InvalidScreenException(String field, String message, Object... args) {
        super(message);
        this.field = field;
        this.args = args.clone();
    }

    public String field() {
        return field;
    }

    public Object[] args() {
        return args.clone();
    }
}
