package org.village.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The web console: a backend-for-frontend that signs its users in at identity (authorization code with PKCE),
 * keeps their tokens on the server, and renders the screens each role needs from the Village API.
 */
@SpringBootApplication
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication console = new SpringApplication(ConsoleApplication.class);
        console.addListeners(new TrustedAuthority());
        console.run(args);
    }
}
