package org.village.identity;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The resource-owner password grant for the public {@code village-cli} client, so that scripts can get a token
 * with one request. It exists in the local profile only: the grant is deprecated for real deployments.
 */
final class PasswordGrant {

    static final AuthorizationGrantType TYPE = new AuthorizationGrantType("password");

    private PasswordGrant() {}

    /** A token request of the password grant. */
    static final class Request extends OAuth2AuthorizationGrantAuthenticationToken {

        private final String username;
        private final String password;

        Request(Authentication client, String username, String password) {
            super(TYPE, client, Map.of());
            this.username = username;
            this.password = password;
        }
    }

    /** Reads {@code grant_type=password&username=…&password=…} at the token endpoint. */
    static final class RequestConverter implements AuthenticationConverter {

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            if (!TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
                return null;
            }
            String username = request.getParameter("username");
            String password = request.getParameter("password");
            if (username == null || username.isBlank() || password == null) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "username and password are required", null));
            }
            Authentication client = SecurityContextHolder.getContext().getAuthentication();
            return client == null ? null : new Request(client, username, password);
        }
    }

    /** Checks the user's password and issues an access token for them. */
    static final class TokenProvider implements AuthenticationProvider {

        private final AuthenticationManager users;
        private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
        private final OAuth2AuthorizationService authorizations;

        TokenProvider(
                AuthenticationManager users,
                OAuth2TokenGenerator<? extends OAuth2Token> tokens,
                OAuth2AuthorizationService authorizations) {
            this.users = users;
            this.tokens = tokens;
            this.authorizations = authorizations;
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            Request request = (Request) authentication;
            if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                    || !client.isAuthenticated()
                    || client.getRegisteredClient() == null) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            RegisteredClient registered = client.getRegisteredClient();
            if (!registered.getAuthorizationGrantTypes().contains(TYPE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
            }
            Authentication user;
            try {
                user = users.authenticate(
                        UsernamePasswordAuthenticationToken.unauthenticated(request.username, request.password));
            } catch (LoginThrottle.Refused refused) {
                throw new TooManyAttempts(refused);
            } catch (AuthenticationException e) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "unknown user or wrong password", null));
            }
            OAuth2Token generated = tokens.generate(DefaultOAuth2TokenContext.builder()
                    .registeredClient(registered)
                    .principal(user)
                    .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                    .authorizedScopes(Set.of())
                    .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                    .authorizationGrantType(TYPE)
                    .authorizationGrant(request)
                    .build());
            if (generated == null) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
            }
            OAuth2AccessToken accessToken = new OAuth2AccessToken(
                    OAuth2AccessToken.TokenType.BEARER,
                    generated.getTokenValue(),
                    generated.getIssuedAt(),
                    generated.getExpiresAt(),
                    Set.of());
            OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(registered)
                    .principalName(user.getName())
                    .authorizationGrantType(TYPE);
            if (generated instanceof ClaimAccessor claims) {
                authorization.token(
                        accessToken,
                        metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
            } else {
                authorization.accessToken(accessToken);
            }
            authorizations.save(authorization.build());
            return new OAuth2AccessTokenAuthenticationToken(registered, client, accessToken);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Request.class.isAssignableFrom(authentication);
        }
    }

    /** A sign-in refused by the login throttle: answered 429 with {@code Retry-After}. */
    static final class TooManyAttempts extends OAuth2AuthenticationException {

        private final transient LoginThrottle.Refused refused;

        TooManyAttempts(LoginThrottle.Refused refused) {
            super(new OAuth2Error("too_many_attempts", refused.getMessage(), null), refused.getMessage());
            this.refused = refused;
        }
    }

    /** Token endpoint errors: 429 and {@code Retry-After} for a throttled sign-in, the standard answer otherwise. */
    static final class ErrorResponses implements AuthenticationFailureHandler {

        private final AuthenticationFailureHandler standard = new OAuth2ErrorAuthenticationFailureHandler();

        @Override
        public void onAuthenticationFailure(
                HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws IOException, ServletException {
            if (exception instanceof TooManyAttempts throttled) {
                response.setStatus(429);
                response.setHeader(
                        "Retry-After",
                        String.valueOf(
                                Math.max(1, (throttled.refused.retryAfter().toMillis() + 999) / 1000)));
                response.setContentType("application/json");
                response.getWriter()
                        .write("{\"error\":\"too_many_attempts\",\"error_description\":\""
                                + String.valueOf(throttled.refused.getMessage()).replace("\"", "'") + "\"}");
                return;
            }
            standard.onAuthenticationFailure(request, response, exception);
        }
    }

    /** Lets a public client (no secret) authenticate for the password grant by its id alone. */
    static final class PublicClientConverter implements AuthenticationConverter {

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
            if (!TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    || clientId == null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
                return null;
            }
            Map<String, Object> parameters = new HashMap<>();
            parameters.put(OAuth2ParameterNames.GRANT_TYPE, TYPE.getValue());
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, parameters);
        }
    }

    /** Accepts a public client for the password grant when it is registered for exactly that. */
    static final class PublicClientProvider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        PublicClientProvider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
                    || !TYPE.getValue().equals(token.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
                return null;
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(token.getPrincipal()));
            if (client == null
                    || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(TYPE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
