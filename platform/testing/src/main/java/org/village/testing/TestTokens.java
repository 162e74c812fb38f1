package org.village.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.village.events.DemoUsers;
import org.village.events.DemoUsers.DemoUser;

/**
 * Signed access tokens for service tests, shaped as the identity app issues them, with the signing key
 * published as a JWKS on a loopback port so that services validate them exactly as in production.
 */
public final class TestTokens {

    public static final String ISSUER = "http://village-test-issuer";
    public static final String AUDIENCE = "village-api";

    private static @Nullable RSAKey key;
    private static @Nullable String jwksUri;

    private TestTokens() {}

    /** Where the test JWKS is served; started on first use. */
    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                key = new RSAKeyGenerator(2048)
                        .keyID("test-" + UUID.randomUUID())
                        .generate();
                byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/jwks", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(jwks);
                    }
                });
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return jwksUri;
    }

    /** The demo users of docs/DOMAIN.md (platform/events' village/demo-users.yml), by user name. */
    private static final Map<String, DemoUser> DEMO = DemoUsers.all().stream()
            .collect(Collectors.toMap(DemoUser::username, user -> user, (a, b) -> a, LinkedHashMap::new));

    /** The demo users' names, one of each kind of caller and a second of most, in the order tables list them. */
    public static final List<String> DEMO_USERS = List.copyOf(DEMO.keySet());

    private static DemoUser demoUser(String user) {
        DemoUser demo = DEMO.get(user);
        if (demo == null) {
            throw new IllegalArgumentException(user + " is not a demo user");
        }
        return demo;
    }

    /** A valid token for one of the demo users, with their organisation and role. */
    public static String demo(String user) {
        DemoUser demo = demoUser(user);
        return token(user, demo.org(), demo.role());
    }

    /** A valid 15-minute token for a user of an organisation with the given roles. */
    public static String token(String user, String org, String... roles) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user)
                .claim("roles", List.of(roles))
                .claim("org", org)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /** Valid claims for a demo user, to be altered by tests of what services refuse. */
    public static JWTClaimsSet.Builder claims(String user) {
        DemoUser demo = demoUser(user);
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user)
                .claim("roles", List.of(demo.role()))
                .claim("org", demo.org())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    /** The key id the published key has, for forgeries that pretend to be signed by it. */
    static synchronized String keyId() {
        return key().getKeyID();
    }

    /** The signing key, generated and published on first use. */
    private static synchronized RSAKey key() {
        jwksUri();
        return Objects.requireNonNull(key, "the test signing key");
    }

    /** Signs arbitrary claims with the published key, for tests of what services refuse. */
    public static synchronized String sign(JWTClaimsSet claims) {
        RSAKey key = key();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
