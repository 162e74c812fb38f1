package org.village.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * In the production form identity answers over HTTPS with a certificate of the deployment's own CA
 * ({@code village.console.trusted-ca}, the mounted {@code village_ca.pem}). Before any client is made, the console
 * makes that CA the only one its TLS connections trust: the token exchange, the refresh and identity's signing
 * keys all go through the JDK's default context.
 */
final class TrustedAuthority implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String PROPERTY = "village.console.trusted-ca";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        apply(event.getEnvironment());
    }

    static void apply(ConfigurableEnvironment environment) {
        String file = environment.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Path pem = Path.of(file.startsWith("file:") ? file.substring(5) : file);
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("village-ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalStateException(PROPERTY + " names " + pem + ", which holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            SSLContext.setDefault(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot trust the CA in " + pem + " (" + PROPERTY + "): " + e.getMessage(), e);
        }
    }
}
