package org.village.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of POSTs that create something: the same caller repeating the same key
 * reaches the same resource id, so that a retried request creates nothing new and answers as the first did.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {}

    /**
     * The id of what the request creates: derived from caller, purpose and key when a key is given, fresh otherwise.
     */
    public static String resourceId(String callerId, String purpose, String key) {
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        if (!VALID.matcher(key).matches()) {
            throw ApiProblem.invalid(HEADER, "{idempotency-key}");
        }
        String seed = purpose + "|" + callerId + "|" + key;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
