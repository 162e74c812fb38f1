package org.village.casework.domain;

import org.jspecify.annotations.Nullable;

/** A command a case's rules refuse, and how the refusal reads to the caller. */
public class CaseRuleViolation extends RuntimeException {

    /** What kind of refusal: it decides the answer's status. */
    public enum Kind {
        /** 400: the request itself is wrong (names {@link #field()}). */
        INVALID,
        /** 403: the caller may see the case but not do this. */
        FORBIDDEN,
        /** 404: the thing named does not exist on this case. */
        NOT_FOUND,
        /** 409: the case's state does not allow it now. */
        CONFLICT
    }

    private final Kind kind;
    private final @Nullable String field;
    private final String message;
    private final Object[] args;

    public CaseRuleViolation(Kind kind, @Nullable String field, String message, Object... args) {
        super(message);
        this.message = message;
        this.kind = kind;
        this.field = field;
        this.args = args.clone();
    }

    /**
     * 400 naming a field; its message is a key of the service's {@code problems.properties}, said with
     * {@code args} in the caller's language.
     */
    public static CaseRuleViolation invalid(String field, String message, Object... args) {
        return new CaseRuleViolation(Kind.INVALID, field, message, args);
    }

    public static CaseRuleViolation conflict(String message) {
        return new CaseRuleViolation(Kind.CONFLICT, null, message);
    }

    public static CaseRuleViolation forbidden(String message) {
        return new CaseRuleViolation(Kind.FORBIDDEN, null, message);
    }

    public static CaseRuleViolation notFound(String message) {
        return new CaseRuleViolation(Kind.NOT_FOUND, null, message);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String getMessage() {
        return message;
    }

    public @Nullable String field() {
        return field;
    }

    /** The arguments of an invalid field's message. */
    public Object[] args() {
        return args.clone();
    }
}
