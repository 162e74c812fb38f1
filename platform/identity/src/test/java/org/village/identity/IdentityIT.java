package org.village.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.village.testing.ApiClient;

/** The identity app issuing Village tokens. */
class IdentityIT {

    private static Map<String, String> passwordGrant(String username, String password) {
        return Map.of("grant_type", "password", "client_id", "village-cli", "username", username, "password", password);
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "village.identity.key-file=target/identity-it/signing-key.json")
    @ActiveProfiles("local")
    class LocalProfile {

        @LocalServerPort
        int port;

        @Test
        void aDemoUserGetsASignedTokenWithRolesOrgAndAudience() throws Exception {
            ApiClient api = new ApiClient("http://localhost:" + port);
            ApiClient.Response response = api.postForm("/oauth2/token", passwordGrant("officer.reyes", "village"));

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
            assertThat(response.json().get("expires_in").asInt()).isBetween(890, 900);
            SignedJWT jwt = SignedJWT.parse(response.json().get("access_token").asString());
            JWKSet keys = JWKSet.parse(api.get("/oauth2/jwks", null).text());
            assertThat(jwt.verify(new RSASSAVerifier(
                            (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID()))))
                    .isTrue();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo("officer.reyes");
            assertThat(claims.getStringListClaim("roles")).containsExactly("OFFICER");
            assertThat(claims.getStringClaim("org")).isEqualTo("riverside-pd");
            assertThat(claims.getAudience()).containsExactly("village-api");
            assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
        }

        @Test
        void aWrongPasswordGetsNoToken() {
            ApiClient api = new ApiClient("http://localhost:" + port);
            ApiClient.Response response = api.postForm("/oauth2/token", passwordGrant("officer.reyes", "guess"));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
            assertThat(response.text()).doesNotContain("access_token");
        }

        @Test
        void anUnknownClientGetsNoToken() {
            ApiClient api = new ApiClient("http://localhost:" + port);
            Map<String, String> form = new HashMap<>(passwordGrant("officer.reyes", "village"));
            form.put("client_id", "someone-else");

            assertThat(api.postForm("/oauth2/token", form).status()).isEqualTo(401);
        }

        @Test
        void theConsoleSignsInWithAuthorizationCodeAndPkce() throws Exception {
            HttpClient browser = HttpClient.newHttpClient();
            String authorize =
                    "http://localhost:" + port + "/oauth2/authorize?response_type=code&client_id=village-console"
                            + "&scope=openid&redirect_uri=http://localhost:8080/console/callback&state=s1";
            HttpResponse<Void> withPkce = browser.send(
                    HttpRequest.newBuilder(
                                    URI.create(authorize + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                            + "&code_challenge_method=S256"))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(withPkce.statusCode()).isEqualTo(302);
            assertThat(withPkce.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

            HttpResponse<Void> withoutPkce = browser.send(
                    HttpRequest.newBuilder(URI.create(authorize))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(withoutPkce.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l)
                            .startsWith("http://localhost:8080/console/callback")
                            .contains("error=invalid_request"));
        }

        @Test
        void theSignInPageSpeaksTheConsolesLanguageAndServesOneAuthorization() throws Exception {
            HttpClient browser =
                    HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String authorize =
                    "http://localhost:" + port + "/oauth2/authorize?response_type=code&client_id=village-console"
                            + "&scope=openid&redirect_uri=http://localhost:8080/console/callback&state=s2&ui_locales=es"
                            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
            Function<String, HttpResponse<String>> get = url -> {
                try {
                    return browser.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Accept", "text/html")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThat(get.apply(authorize).headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            HttpResponse<String> page = get.apply("http://localhost:" + port + "/login");
            assertThat(page.body())
                    .contains("lang=\"es\"")
                    .contains("Iniciar sesión")
                    .contains("Contraseña");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("unsafe"));
            String csrf = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");

            HttpResponse<String> signedIn = browser.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "username=advocate.avery&password=village&_csrf=" + csrf))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            HttpResponse<String> code =
                    get.apply(signedIn.headers().firstValue("Location").orElseThrow());
            assertThat(code.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l)
                            .startsWith("http://localhost:8080/console/callback?code=")
                            .contains("state=s2"));

            assertThat(get.apply(authorize).headers().firstValue("Location"))
                    .as("the sign-in served one authorization: the next one asks for the password again")
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }

        @Test
        void openIdDiscoveryNamesTheIssuer() {
            ApiClient api = new ApiClient("http://localhost:" + port);
            assertThat(api.get("/.well-known/openid-configuration", null)
                            .json()
                            .get("issuer")
                            .asString())
                    .isEqualTo("http://localhost:9000");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class OutsideTheLocalProfile {

        @LocalServerPort
        int port;

        @Test
        void thePasswordGrantIsOff() {
            ApiClient api = new ApiClient("http://localhost:" + port);
            ApiClient.Response response = api.postForm("/oauth2/token", passwordGrant("officer.reyes", "village"));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text()).doesNotContain("access_token");
        }
    }
}
