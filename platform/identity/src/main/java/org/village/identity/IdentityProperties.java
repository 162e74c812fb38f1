package org.village.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity app's settings.
 *
 * @param issuer the issuer URL written into every token
 * @param audience the audience of access tokens: the Village API
 * @param accessTokenTtl how long an access token is valid
 * @param keyFile where the signing key is kept across restarts; a fresh key each start when unset
 * @param passwordGrant whether scripts may trade a user name and password for a token (local profile only)
 * @param consoleRedirectUris where the console may receive authorization codes
 * @param users the users who may sign in
 */
@ConfigurationProperties("village.identity")
public record IdentityProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("village-api") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        Path keyFile,
        @DefaultValue("false") boolean passwordGrant,
        @DefaultValue("http://localhost:8080/console/callback") List<String> consoleRedirectUris,
        @DefaultValue List<DirectoryUser> users) {

    /** A user, their roles and their organisation. */
    public record DirectoryUser(String username, String password, List<String> roles, String org) {
    }
}
