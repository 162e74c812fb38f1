package org.village.gateway;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.village.events.ProblemTypes;
import org.village.security.SecurityProperties;
import org.village.security.TokenRules;
import org.village.security.VerifiedTokens;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The single entry point: routes docs/API.md's paths to the services (see application.yml) and refuses, at the
 * edge, any /api call without a valid Village token. The services check the token again.
 */
@SpringBootApplication
@EnableConfigurationProperties({SecurityProperties.class, GatewayProperties.class})
public class GatewayApplication {

    private static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(5);

    /** How many verified tokens the gateway keeps (see {@link VerifiedTokens}). */
    private static final int VERIFIED_TOKENS = 10_000;

    private static final Duration KEY_FETCH_IDLE = Duration.ofSeconds(5);
    private static final String KEYS_UNREACHABLE =
            "Your sign-in cannot be checked right now; nothing was changed. Try again shortly.";

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * Verifies tokens against identity's keys, fetched by a client of its own: it gives up on a key fetch after a
     * few seconds instead of holding the request forever, and never reuses a connection idle long enough for
     * identity to have closed it (a request written into a closing connection would otherwise wait for an answer
     * that never comes).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<SslBundles> bundles)
            throws SSLException {
        HttpClient client = HttpClient.create(ConnectionProvider.builder("jwks")
                        .maxIdleTime(KEY_FETCH_IDLE)
                        .build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) KEY_FETCH_TIMEOUT.toMillis())
                .responseTimeout(KEY_FETCH_TIMEOUT);
        if (properties.jwkSetSslBundle() != null
                && !properties.jwkSetSslBundle().isBlank()) {
            SslBundle bundle = bundles.getObject().getBundle(properties.jwkSetSslBundle());
            SslContext trusting = SslContextBuilder.forClient()
                    .trustManager(bundle.getManagers().getTrustManagerFactory())
                    .build();
            client = client.secure(ssl -> ssl.sslContext(trusting));
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .webClient(WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(client))
                        .build())
                .build();
        decoder.setJwtValidator(TokenRules.validator(properties.issuer(), properties.audience()));
        VerifiedTokens verified = new VerifiedTokens(VERIFIED_TOKENS, Clock.systemUTC());
        // keys out of reach: the token could not be checked (answered 503 by edgeSecurity), not a bad token
        return token -> verified.known(token)
                .map(Mono::just)
                .orElseGet(() -> decoder.decode(token)
                        .map(verified::remember)
                        .onErrorMap(
                                e -> !(e instanceof JwtException),
                                e -> new JwtException("identity's signing keys could not be fetched", e)));
    }

    @Bean
    UnreachableService unreachableService() {
        return new UnreachableService();
    }

    @Bean
    RetryUnsentGatewayFilterFactory retryUnsentGatewayFilterFactory() {
        return new RetryUnsentGatewayFilterFactory();
    }

    @Bean
    StreamLifetime streamLifetime(GatewayProperties properties) {
        return new StreamLifetime(properties.streamLifetime());
    }

    @Bean
    ClientAddressHeader clientAddressHeader() {
        return new ClientAddressHeader();
    }

    @Bean
    RequestLimits requestLimits(GatewayProperties properties) {
        return new RequestLimits(properties);
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // the services' API descriptions hold no data: anyone may read them
                        .pathMatchers(
                                "/api/docs/intake",
                                "/api/docs/case",
                                "/api/docs/referral",
                                "/api/docs/notification",
                                "/api/docs/reporting",
                                "/api/docs/events")
                        .permitAll()
                        .pathMatchers("/api/**")
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> {})
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange))
                        // a token that could not be checked (identity's keys out of reach) is not a bad token
                        .authenticationFailureHandler((filterExchange, e) -> e instanceof AuthenticationServiceException
                                ? EdgeProblems.write(
                                        filterExchange.getExchange().getResponse(),
                                        HttpStatus.SERVICE_UNAVAILABLE,
                                        ProblemTypes.UNAVAILABLE,
                                        KEYS_UNREACHABLE)
                                : unauthenticated(filterExchange.getExchange())))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint((exchange, e) -> unauthenticated(exchange)))
                .build();
    }

    private static Mono<Void> unauthenticated(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return EdgeProblems.write(
                exchange.getResponse(),
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHENTICATED,
                "A valid Village access token is required");
    }
}
