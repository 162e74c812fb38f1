package org.village.console;

import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Sign-in, sign-out and the browser-facing protections: every page needs a signed-in user; tokens stay in the
 * server-side session (the browser holds only an HttpOnly session cookie); every change carries a CSRF token;
 * a strict Content-Security-Policy without inline script; no framing; no referrer; no caching of pages.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String REGISTRATION = "village";

    @Bean
    SecurityFilterChain console(
            HttpSecurity http,
            ClientRegistrationRepository registrations,
            ConsoleProperties properties,
            VillageApi api,
            LocaleResolver locales)
            throws Exception {
        // identity's sign-in page speaks the console's language (OpenID Connect ui_locales)
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/console/authorize");
        authorizationRequests.setAuthorizationRequestCustomizer(request -> {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
                request.additionalParameters(parameters -> parameters.put(
                        "ui_locales",
                        locales.resolveLocale(current.getRequest()).getLanguage()));
            }
        });
        OidcClientInitiatedLogoutSuccessHandler signOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signOut.setPostLogoutRedirectUri(properties.publicUrl() + "/");
        http.authorizeHttpRequests(requests -> requests
                        // the live stream's end is an async dispatch of a request already checked
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/css/**", "/js/**", "/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        // the browsable API description (the services' documents hold no data)
                        .requestMatchers("/api-docs", "/api-docs/**", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.loginPage("/console/authorize/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.baseUri("/console/authorize")
                                .authorizationRequestResolver(authorizationRequests))
                        .successHandler(new RememberedLanguage(api, locales))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/console/callback")))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessHandler(signOut))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                        + "style-src 'self'; img-src 'self'; connect-src 'self'; "
                                        + "frame-ancestors 'none'; "
                                        + "base-uri 'none'; object-src 'none'; form-action 'self' "
                                        + properties.issuer()))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** Keeps each user's tokens fresh on the server. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }

    /** The console's client at identity: public, authorization code with PKCE, tokens kept on this server. */
    @Bean
    ClientRegistrationRepository registrations(ConsoleProperties properties) {
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId("village-console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(properties.publicUrl() + "/console/callback")
                .scope("openid", "profile")
                .issuerUri(properties.issuer())
                .authorizationUri(properties.issuer() + "/oauth2/authorize")
                .tokenUri(properties.identityUrl() + "/oauth2/token")
                .jwkSetUri(properties.identityUrl() + "/oauth2/jwks")
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", properties.issuer() + "/connect/logout"))
                .clientName("Village")
                .build());
    }
}
