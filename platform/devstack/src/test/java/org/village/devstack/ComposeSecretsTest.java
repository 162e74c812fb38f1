package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.village.security.sealing.Sealing;
import org.yaml.snakeyaml.Yaml;

/** {@code ./village secrets} makes every secret file the production form mounts, usable as it is. */
class ComposeSecretsTest {

    @TempDir
    Path dir;

    @Test
    void everySecretTheComposeFileNamesIsMadeOwnerOnlyAndUsable() throws Exception {
        Path secrets = dir.resolve("secrets");
        List<String> made = ComposeSecrets.make(secrets);

        Map<String, Object> compose;
        try (Reader reader =
                Files.newBufferedReader(StackConfig.findRepository().resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> declared = (Map<String, Map<String, String>>) compose.get("secrets");
        for (Map<String, String> secret : declared.values()) {
            Path file = secrets.resolve(Path.of(secret.get("file")).getFileName());
            assertThat(file).as(secret.get("file")).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rwx------");

        for (String service : ComposeSecrets.SERVICES) {
            Sealing.withMasterKey(Files.readString(secrets.resolve(service + "_sealing_master_key")));
            assertThat(Base64.getDecoder().decode(Files.readString(secrets.resolve(service + "_audit_chain_key"))))
                    .hasSize(32);
            assertThat(Files.readString(secrets.resolve(service + "_kafka_password")))
                    .matches("[A-Za-z0-9_-]{43}");
        }
        for (String service : ComposeSecrets.EVENT_ONLY_SERVICES) {
            assertThat(Base64.getDecoder().decode(Files.readString(secrets.resolve(service + "_audit_chain_key"))))
                    .hasSize(32);
            assertThat(Files.readString(secrets.resolve(service + "_mongo_password")))
                    .matches("[A-Za-z0-9_-]{43}");
            assertThat(secrets.resolve(service + "_sealing_master_key")).doesNotExist();
        }
        X509Certificate ca = certificates(secrets.resolve("village_ca.pem")).get(0);
        for (String[] hostAndFile : new String[][] {
            {"kafka", "kafka_keystore.pem"}, {"mongo", "mongo_tls.pem"}, {"identity", "identity_tls_cert.pem"}
        }) {
            X509Certificate certificate =
                    certificates(secrets.resolve(hostAndFile[1])).get(0);
            certificate.verify(ca.getPublicKey());
            assertThat(certificate.getSubjectAlternativeNames().toString()).contains(hostAndFile[0]);
        }
        assertThat(Files.readString(secrets.resolve("kafka_keystore.pem"))).contains("BEGIN PRIVATE KEY");
        assertThat(Files.readString(secrets.resolve("identity_tls_key.pem"))).contains("BEGIN PRIVATE KEY");

        String before = Files.readString(secrets.resolve("case_sealing_master_key"));
        assertThat(made).isNotEmpty();
        assertThat(ComposeSecrets.make(secrets))
                .as("a second run keeps what exists")
                .isEmpty();
        assertThat(Files.readString(secrets.resolve("case_sealing_master_key"))).isEqualTo(before);
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        List<X509Certificate> found = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        String text = Files.readString(pem);
        int start = text.indexOf("-----BEGIN CERTIFICATE-----");
        while (start >= 0) {
            int end = text.indexOf("-----END CERTIFICATE-----", start) + "-----END CERTIFICATE-----".length();
            found.add((X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(text.substring(start, end).getBytes(StandardCharsets.US_ASCII))));
            start = text.indexOf("-----BEGIN CERTIFICATE-----", end);
        }
        return found;
    }
}
