package org.village.identity;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The identity app: an OAuth2 / OpenID Connect provider that signs Village access tokens carrying the user
 * ({@code sub}), their roles and their organisation, for the {@code village-api} audience.
 */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityApplication {

    static final String CLI_CLIENT = "village-cli";
    static final String CONSOLE_CLIENT = "village-console";

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(
            HttpSecurity http,
            IdentityProperties properties,
            RegisteredClientRepository clients,
            OAuth2TokenGenerator<?> tokens,
            OAuth2AuthorizationService authorizations,
            AuthenticationManager users)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> {
                    configurer
                            .oidc(Customizer.withDefaults())
                            .tokenGenerator(tokens)
                            .authorizationService(authorizations)
                            .authorizationEndpoint(
                                    endpoint -> endpoint.authorizationResponseHandler(new OneAuthorizationSignIn()));
                    if (properties.passwordGrant()) {
                        configurer
                                .clientAuthentication(client -> client.authenticationConverter(
                                                new PasswordGrant.PublicClientConverter())
                                        .authenticationProvider(new PasswordGrant.PublicClientProvider(clients)))
                                .tokenEndpoint(
                                        token -> token.accessTokenRequestConverter(new PasswordGrant.RequestConverter())
                                                .authenticationProvider(
                                                        new PasswordGrant.TokenProvider(users, tokens, authorizations))
                                                .errorResponseHandler(new PasswordGrant.ErrorResponses()));
                    }
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
        return http.build();
    }

    /** Browsers are sent to the sign-in page; scripts, which accept any media type, get a 401. */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

    /** The admin API (login locks): Village access tokens of an ADMIN, checked as the services check them. */
    @Bean
    @Order(0)
    SecurityFilterChain adminApi(HttpSecurity http, JwtDecoder villageTokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(villageTokens))
                        .authenticationEntryPoint(LoginLockController::unauthenticated));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http, AuthenticationManager users) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error", "/sign-in.css")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationManager(users)
                .formLogin(form -> form.loginPage("/login").permitAll());
        return http.build();
    }

    /** Village access tokens signed by this app's key, for this issuer and the Village API audience. */
    @Bean
    JwtDecoder villageTokens(JWKSource<SecurityContext> keys, IdentityProperties properties) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience()))));
        return decoder;
    }

    @Bean
    LoginThrottle loginThrottle(IdentityProperties properties) {
        return new LoginThrottle(properties.login(), Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager userDetailsService(
            IdentityProperties properties, PasswordEncoder encoder, Environment environment) {
        LocalOnly.check(environment, properties);
        List<UserDetails> users = new ArrayList<>();
        for (IdentityProperties.DirectoryUser user : directory(properties)) {
            String password = user.password().startsWith("{") ? user.password() : encoder.encode(user.password());
            users.add(User.withUsername(user.username())
                    .password(password)
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * Everyone who may sign in: the configured users, the demo users (local profile only) and the bootstrap
     * admin, whose password is read from its secret file.
     */
    static List<IdentityProperties.DirectoryUser> directory(IdentityProperties properties) {
        List<IdentityProperties.DirectoryUser> users = new ArrayList<>(properties.users());
        users.addAll(properties.demoUsers());
        IdentityProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin != null && admin.passwordFile() != null) {
            String password;
            try {
                password = Files.readString(admin.passwordFile()).strip();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Identity cannot read the bootstrap admin's password file " + admin.passwordFile(), e);
            }
            if (password.length() < 12) {
                throw new IllegalStateException("Identity refuses to start: the bootstrap admin's password in "
                        + admin.passwordFile() + " is shorter than 12 characters.");
            }
            users.add(new IdentityProperties.DirectoryUser(admin.username(), password, List.of("ADMIN"), admin.org()));
        }
        return users;
    }

    @Bean
    AuthenticationManager userAuthentication(
            UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle, IdentityProperties properties) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ThrottledSignIn(
                new ProviderManager(provider), throttle, new ClientAddress(properties.trustedProxies()));
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .build();
        List<RegisteredClient> clients = new ArrayList<>();
        RegisteredClient.Builder console = RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(CONSOLE_CLIENT.getBytes(UTF_8)).toString())
                .clientId(CONSOLE_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens);
        properties.consoleRedirectUris().forEach(console::redirectUri);
        properties.consolePostLogoutUris().forEach(console::postLogoutRedirectUri);
        clients.add(console.build());
        if (properties.passwordGrant()) {
            clients.add(RegisteredClient.withId(
                            UUID.nameUUIDFromBytes(CLI_CLIENT.getBytes(UTF_8)).toString())
                    .clientId(CLI_CLIENT)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(PasswordGrant.TYPE)
                    .tokenSettings(tokens)
                    .build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** What identity issued, kept only while it can still be used. */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new ExpiringAuthorizations(Clock.systemUTC(), Duration.ofMinutes(10));
    }

    @Bean
    JWKSet signingKeys(IdentityProperties properties) {
        return SigningKey.load(properties.keyFile());
    }

    /** Every key identity publishes: the signing key and, during a rotation, the one before it. */
    @Bean
    JWKSource<SecurityContext> jwkSource(JWKSet signingKeys) {
        return new ImmutableJWKSet<>(signingKeys);
    }

    /** Tokens are signed with the first key alone. */
    @Bean
    JwtEncoder jwtEncoder(JWKSet signingKeys) {
        return new NimbusJwtEncoder(
                new ImmutableJWKSet<>(new JWKSet(signingKeys.getKeys().get(0))));
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, OAuth2TokenCustomizer<JwtEncodingContext> customizer) {
        JwtGenerator jwt = new JwtGenerator(encoder);
        jwt.setJwtCustomizer(customizer);
        return new DelegatingOAuth2TokenGenerator(
                jwt, new OAuth2AccessTokenGenerator(), new OAuth2RefreshTokenGenerator());
    }

    /** Access tokens name the Village API as audience and carry the user's roles and organisation. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> villageClaims(IdentityProperties properties) {
        Map<String, IdentityProperties.DirectoryUser> directory = directory(properties).stream()
                .collect(Collectors.toMap(IdentityProperties.DirectoryUser::username, Function.identity()));
        return context -> {
            IdentityProperties.DirectoryUser user =
                    directory.get(context.getPrincipal().getName());
            if (user == null) {
                return;
            }
            context.getClaims().claim("roles", user.roles()).claim("org", user.org());
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(properties.audience()));
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }
}
