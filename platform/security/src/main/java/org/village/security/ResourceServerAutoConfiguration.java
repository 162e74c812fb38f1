package org.village.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.village.events.ProblemTypes;

/**
 * Makes a servlet app a Village resource server: every {@code /api/**} call needs a valid Village token,
 * refusals answer as problem details, and controllers receive the {@link Caller}.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                    + "OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

    private static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(5);

    /** How many verified tokens an instance keeps (see {@link VerifiedTokens}). */
    static final int VERIFIED_TOKENS = 10_000;

    /**
     * No observation (trace span and timer) of each security filter, of authentication and of authorization: they
     * were about a tenth of a service's CPU per request. The request itself is still observed whole
     * ({@code http.server.requests}, with its trace id).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<SslBundles> bundles) {
        // a key fetch gives up after a few seconds rather than holding the request that needed it
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(KEY_FETCH_TIMEOUT);
        if (properties.jwkSetSslBundle() != null
                && !properties.jwkSetSslBundle().isBlank()) {
            client.sslContext(
                    bundles.getObject().getBundle(properties.jwkSetSslBundle()).createSslContext());
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client.build());
        requests.setReadTimeout(KEY_FETCH_TIMEOUT);
        NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder =
                NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).restOperations(new RestTemplate(requests));
        NimbusJwtDecoder decoder = builder.build();
        decoder.setJwtValidator(TokenRules.validator(properties.issuer(), properties.audience()));
        VerifiedTokens verified = new VerifiedTokens(VERIFIED_TOKENS, Clock.systemUTC());
        return token -> verified.known(token).orElseGet(() -> verified.remember(decoder.decode(token)));
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain villageApiSecurity(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // an async dispatch continues a request that was already authorized (streams, SSE)
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health/**",
                                "/actuator/health",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/error",
                                "/v3/api-docs",
                                "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(ResourceServerAutoConfiguration::authentication))
                        .authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                401,
                                ProblemTypes.UNAUTHENTICATED,
                                "Unauthenticated",
                                "A valid Village access token is required"))
                        .accessDeniedHandler((request, response, e) -> problem(
                                response, 403, ProblemTypes.FORBIDDEN, "Forbidden", "This action is not allowed")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> problem(
                        response,
                        401,
                        ProblemTypes.UNAUTHENTICATED,
                        "Unauthenticated",
                        "A valid Village access token is required")));
        return http.build();
    }

    private static AbstractAuthenticationToken authentication(Jwt jwt) {
        Caller caller = Caller.from(jwt);
        List<SimpleGrantedAuthority> authorities = caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, caller.userId());
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(ProblemWriter.MEDIA_TYPE);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getOutputStream().write(ProblemWriter.body(status, type, title, detail));
    }

    @Bean
    WebMvcConfigurer callerArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerResolver());
            }
        };
    }

    /** Lets a controller method take the {@link Caller} as a parameter. */
    static final class CallerResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType().equals(Caller.class);
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                @Nullable ModelAndViewContainer container,
                NativeWebRequest request,
                @Nullable WebDataBinderFactory binders) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof JwtAuthenticationToken token) {
                return Caller.from(token.getToken());
            }
            throw new IllegalStateException("No Village token on this request");
        }
    }
}
