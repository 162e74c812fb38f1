package org.village.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks a user name and password (for the login form and the password grant alike) through the login
 * throttle: a locked or waiting account or address is refused before its password is looked at, and every
 * outcome is counted.
 */
final class ThrottledSignIn implements AuthenticationManager {

    private final AuthenticationManager passwords;
    private final LoginThrottle throttle;
    private final ClientAddress addresses;

    ThrottledSignIn(AuthenticationManager passwords, LoginThrottle throttle, ClientAddress addresses) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String account = attempt.getName() == null ? "" : attempt.getName();
        String address = address();
        throttle.before(account, address);
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(account, address);
            return signedIn;
        } catch (AuthenticationException wrong) {
            throttle.failed(account, address);
            throw wrong;
        }
    }

    private String address() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return addresses.of(request);
        }
        return "unknown";
    }
}
