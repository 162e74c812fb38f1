package org.village.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key and a self-signed certificate for localhost (made with the JDK's keytool), as the PEM files the
 * production form mounts as secrets: the key, the certificate (which is also its own CA), and both in one file.
 */
public record TestCertificates(Path key, Path certificate, Path keyAndCertificate, Path pkcs12) {

    /** Makes them in {@code dir}. */
    public static TestCertificates create(Path dir) {
        try {
            Path p12 = dir.resolve("localhost.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(
                            keytool.toString(),
                            "-genkeypair",
                            "-alias",
                            "localhost",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-validity",
                            "2",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "SAN=dns:localhost,ip:127.0.0.1",
                            "-keystore",
                            p12.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            "changeit",
                            "-keypass",
                            "changeit")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(p12)) {
                store.load(in, "changeit".toCharArray());
            }
            PrivateKey privateKey = (PrivateKey) store.getKey("localhost", "changeit".toCharArray());
            String pemKey = pem("PRIVATE KEY", privateKey.getEncoded());
            String pemCertificate =
                    pem("CERTIFICATE", store.getCertificate("localhost").getEncoded());
            Path key = Files.writeString(dir.resolve("localhost-key.pem"), pemKey);
            Path certificate = Files.writeString(dir.resolve("localhost-cert.pem"), pemCertificate);
            Path both = Files.writeString(dir.resolve("localhost-keystore.pem"), pemKey + pemCertificate);
            return new TestCertificates(key, certificate, both, p12);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context that trusts this certificate alone. */
    public SSLContext trusting() {
        try {
            Certificate cert = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate)));
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("localhost", cert);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust the test certificate", e);
        }
    }

    /** A TLS context that presents this certificate, for a test server. */
    public SSLContext serving() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(pkcs12)) {
                store.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot serve the test certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
