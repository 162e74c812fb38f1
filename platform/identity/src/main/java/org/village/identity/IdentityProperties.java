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
 * @param consolePostLogoutUris where identity may send a browser after signing it out of the console
 * @param demoUsers the demo users of the local profile, with plaintext passwords (local profile only)
 * @param users the users who may sign in, each password stored encoded ({@code {bcrypt}…})
 * @param bootstrapAdmin an admin whose password is read from a secret file, for a deployment's first sign-in
 * @param login how failed sign-ins are slowed and locked
 * @param trustedProxies the addresses (or host names) of the gateways whose {@code X-Village-Client-Address}
 *                       names the caller; from anyone else the connection's own address counts
 */
@ConfigurationProperties("village.identity")
public record IdentityProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("village-api") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        Path keyFile,
        @DefaultValue("false") boolean passwordGrant,

        @DefaultValue("http://localhost:8080/console/callback")
        List<String> consoleRedirectUris,

        @DefaultValue("http://localhost:8080/") List<String> consolePostLogoutUris,
        @DefaultValue List<DirectoryUser> demoUsers,
        @DefaultValue List<DirectoryUser> users,
        BootstrapAdmin bootstrapAdmin,
        @DefaultValue Login login,
        @DefaultValue({"127.0.0.1", "::1"}) List<String> trustedProxies) {

    /** A user, their roles and their organisation. */
    public record DirectoryUser(String username, String password, List<String> roles, String org) {}

    /** An ADMIN of {@code org} named {@code username}, whose password is the content of {@code passwordFile}. */
    public record BootstrapAdmin(
            @DefaultValue("admin") String username,
            Path passwordFile,
            @DefaultValue("village") String org) {}

    /**
     * Failed sign-ins, counted per account and per client address within {@code window}: after
     * {@code freeAttempts} failures each further attempt must wait (from {@code firstDelay}, doubling, at most
     * {@code longestDelay}); after {@code accountLockAfter} failures of an account, or {@code addressLockAfter}
     * from one address, that account or address is locked for {@code lockFor}.
     */
    public record Login(
            @DefaultValue("3") int freeAttempts,
            @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("60s") Duration longestDelay,
            @DefaultValue("10") int accountLockAfter,
            @DefaultValue("30") int addressLockAfter,
            @DefaultValue("15m") Duration lockFor,
            @DefaultValue("15m") Duration window) {}
}
