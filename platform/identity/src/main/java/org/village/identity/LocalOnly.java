package org.village.identity;

import java.util.Arrays;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Local means local: the password grant, the demo users and a plaintext issuer are for the {@code local} profile
 * alone. Under any other profile, or with another profile beside it, identity refuses to start and says why in
 * one sentence, so that a production deployment can never run with them by mistake.
 */
final class LocalOnly {

    private LocalOnly() {}

    /** Throws with one sentence when the settings are not allowed under the active profiles. */
    static void check(Environment environment, IdentityProperties properties) {
        List<String> profiles = Arrays.asList(environment.getActiveProfiles());
        if (profiles.equals(List.of("local"))) {
            return;
        }
        String where = profiles.isEmpty() ? "without a profile" : "under the profiles " + profiles;
        if (properties.passwordGrant()) {
            throw new IllegalStateException("Identity refuses to start: the password grant "
                    + "(village.identity.password-grant) is for the local profile alone, and it is enabled " + where
                    + ".");
        }
        if (!properties.demoUsers().isEmpty()) {
            throw new IllegalStateException("Identity refuses to start: the demo users (village.identity.demo-users) "
                    + "are for the local profile alone, and they are enabled " + where + ".");
        }
        for (IdentityProperties.DirectoryUser user : properties.users()) {
            if (user.password() == null || !user.password().startsWith("{")) {
                throw new IllegalStateException("Identity refuses to start: the password of user " + user.username()
                        + " must be stored encoded (for example {bcrypt}…) " + where + ".");
            }
        }
        if (properties.issuer().startsWith("http://") && !profiles.isEmpty()) {
            throw new IllegalStateException("Identity refuses to start: the issuer " + properties.issuer()
                    + " is plaintext HTTP, and tokens and their keys travel only over HTTPS " + where + ".");
        }
    }
}
