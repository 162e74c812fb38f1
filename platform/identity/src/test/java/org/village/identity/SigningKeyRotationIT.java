package org.village.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.village.testing.ApiClient;

/**
 * Security review finding: one token signing key, no rotation, and its file readable by others until it was
 * restricted. The key file is owner-only from the moment it exists; a rotation signs with the new key while the
 * key set still publishes the old one, so tokens issued before it keep verifying until the old key is retired.
 */
class SigningKeyRotationIT {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext identity(Path keyFile) {
        return new SpringApplicationBuilder(IdentityApplication.class)
                .profiles("local")
                .run("--server.port=0", "--village.identity.key-file=" + keyFile);
    }

    private static ApiClient api(ConfigurableApplicationContext identity) {
        return new ApiClient("http://localhost:"
                + ((WebServerApplicationContext) identity).getWebServer().getPort());
    }

    private static SignedJWT token(ApiClient api) throws Exception {
        return SignedJWT.parse(api.postForm(
                        "/oauth2/token",
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "village-cli",
                                "username",
                                "officer.reyes",
                                "password",
                                "village"))
                .json()
                .get("access_token")
                .asString());
    }

    private static boolean verifies(SignedJWT jwt, JWKSet published) throws Exception {
        RSAKey key = (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key));
    }

    private static int step(String... args) {
        return SigningKey.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void aRotationSignsWithTheNewKeyAndStillPublishesTheOld() throws Exception {
        Path keyFile = dir.resolve("identity/signing-key.json");
        SignedJWT before;
        try (ConfigurableApplicationContext identity = identity(keyFile)) {
            before = token(api(identity));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        assertThat(step("rotate", keyFile.toString())).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        try (ConfigurableApplicationContext identity = identity(keyFile)) {
            JWKSet published =
                    JWKSet.parse(api(identity).get("/oauth2/jwks", null).text());
            SignedJWT after = token(api(identity));
            assertThat(published.getKeys()).hasSize(2);
            assertThat(published.getKeys())
                    .allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
            assertThat(after.getHeader().getKeyID())
                    .isNotEqualTo(before.getHeader().getKeyID());
            assertThat(verifies(after, published)).isTrue();
            assertThat(verifies(before, published))
                    .as("a token from before the rotation")
                    .isTrue();
        }

        assertThat(step("retire", keyFile.toString())).isZero();
        try (ConfigurableApplicationContext identity = identity(keyFile)) {
            JWKSet published =
                    JWKSet.parse(api(identity).get("/oauth2/jwks", null).text());
            assertThat(published.getKeys()).hasSize(1);
            assertThat(verifies(before, published))
                    .as("the retired key is gone")
                    .isFalse();
            assertThat(verifies(token(api(identity)), published)).isTrue();
        }
    }
}
