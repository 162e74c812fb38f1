package org.village.security.sealing;

/** A key or a sealed value that cannot be used: wrong master key, wrong subject, wrong record, or tampering. */
public class SealingException extends RuntimeException {

    public SealingException(String message, Throwable cause) {
        super(message, cause);
    }
}
