package org.village.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens every Village endpoint must refuse with 401, each wrong in exactly one way, for an otherwise valid
 * demo user.
 */
public final class ForgedTokens {

    private ForgedTokens() {}

    /** Name of the flaw → a token with that flaw. */
    public static Map<String, String> all(String user) {
        Instant now = Instant.now();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg=none", new PlainJWT(TestTokens.claims(user).build()).serialize());
        forged.put(
                "foreign signing key",
                signedByAnotherKey(TestTokens.claims(user).build()));
        forged.put(
                "wrong issuer",
                TestTokens.sign(
                        TestTokens.claims(user).issuer("http://evil.example").build()));
        forged.put(
                "wrong audience",
                TestTokens.sign(TestTokens.claims(user).audience("another-api").build()));
        forged.put(
                "expired",
                TestTokens.sign(TestTokens.claims(user)
                        .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                        .notBeforeTime(Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
                        .build()));
        forged.put(
                "not yet valid",
                TestTokens.sign(TestTokens.claims(user)
                        .notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                        .build()));
        forged.put(
                "no roles claim",
                TestTokens.sign(TestTokens.claims(user).claim("roles", null).build()));
        return forged;
    }

    /** Signed by a key that is not the identity app's, under the identity app's key id. */
    private static String signedByAnotherKey(JWTClaimsSet claims) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(TestTokens.keyId()).generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(other.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(other));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
