package org.village.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console is reached and what it talks to.
 *
 * @param publicUrl the address people use (the gateway), from which the sign-in callback is formed
 * @param apiUrl where the console calls the Village API with the user's token (the gateway)
 * @param issuer identity's issuer, as browsers reach it (sign-in and sign-out pages)
 * @param identityUrl where the console itself reaches identity (token exchange, signing keys)
 * @param idleTimeout an idle session ends after this long (shared devices); the page warns a minute before
 */
@ConfigurationProperties("village.console")
public record ConsoleProperties(
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("http://localhost:8080") String apiUrl,
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("http://localhost:9000") String identityUrl,
        @DefaultValue("15m") Duration idleTimeout) {}
