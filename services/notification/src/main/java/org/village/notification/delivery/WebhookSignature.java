package org.village.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-Village-Signature: sha256=<hex HMAC-SHA256 of the body under the webhook's secret>}. */
public final class WebhookSignature {

    public static final String HEADER = "X-Village-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, byte[] body, String header) {
        return header != null
                && MessageDigest.isEqual(
                        sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                        header.getBytes(StandardCharsets.US_ASCII));
    }
}
