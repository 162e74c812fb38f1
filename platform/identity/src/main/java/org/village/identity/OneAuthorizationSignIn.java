package org.village.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A password typed at identity serves one authorization: once the code is on its way to the console, identity
 * forgets the sign-in. The console's own session (with its idle timeout) is then the only one, so that a console
 * session that ended on a shared device cannot be resumed without the password.
 */
final class OneAuthorizationSignIn implements AuthenticationSuccessHandler {

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken issued =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(issued.getRedirectUri())
                .queryParam(
                        OAuth2ParameterNames.CODE, issued.getAuthorizationCode().getTokenValue());
        if (StringUtils.hasText(issued.getState())) {
            redirect.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(issued.getState(), StandardCharsets.UTF_8));
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(redirect.build(true).toUriString());
    }
}
