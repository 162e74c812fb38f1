package org.village.gateway;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import org.village.security.SecurityProperties;
import org.village.security.TokenRules;
import reactor.core.publisher.Mono;

/**
 * The single entry point: routes docs/API.md's paths to the services (see application.yml) and refuses, at the
 * edge, any /api call without a valid Village token. The services check the token again.
 */
@SpringBootApplication
@EnableConfigurationProperties({SecurityProperties.class, GatewayProperties.class})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<SslBundles> bundles) throws SSLException {
        NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder =
                NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri());
        if (properties.jwkSetSslBundle() != null && !properties.jwkSetSslBundle().isBlank()) {
            SslBundle bundle = bundles.getObject().getBundle(properties.jwkSetSslBundle());
            SslContext trusting = SslContextBuilder.forClient()
                    .trustManager(bundle.getManagers().getTrustManagerFactory()).build();
            builder.webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                    HttpClient.create().secure(ssl -> ssl.sslContext(trusting)))).build());
        }
        NimbusReactiveJwtDecoder decoder = builder.build();
        decoder.setJwtValidator(TokenRules.validator(properties.issuer(), properties.audience()));
        return decoder;
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
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // the services' API descriptions hold no data: anyone may read them
                        .pathMatchers("/api/docs/intake", "/api/docs/case", "/api/docs/referral",
                                "/api/docs/notification", "/api/docs/events").permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> { })
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange)))
                .build();
    }

    private static Mono<Void> unauthenticated(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return EdgeProblems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthenticated",
                "A valid Village access token is required");
    }

}
