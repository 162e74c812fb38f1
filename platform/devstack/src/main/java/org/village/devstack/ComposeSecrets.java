package org.village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.village.security.SecretFiles;
import org.village.security.sealing.Sealing;

/**
 * Makes the secret files the production form (docker-compose.yml) mounts, in a folder readable by its owner
 * only: a CA and the certificates it signs for Kafka, MongoDB and identity (the JDK's keytool), every password
 * (random, URL- and JAAS-safe), each service's master key and audit chain key. A file that exists is kept, so
 * running it again fills in only what is missing. {@code ./village secrets [folder]} (default {@code secrets}).
 */
public final class ComposeSecrets {

    /** The services that seal survivors' details: each has a key database and a sealing master key too. */
    static final List<String> SERVICES = List.of("intake", "case", "referral", "notification");

    /** The services that hold no survivor's details: a Kafka and a MongoDB password and an audit key alone. */
    static final List<String> EVENT_ONLY_SERVICES = List.of("reporting");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STORE_PASSWORD = "keytool-work";

    private ComposeSecrets() {}

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "secrets");
        List<String> made = make(folder);
        System.out.println(
                made.isEmpty()
                        ? "Every secret was already in " + folder
                        : "Made " + made.size() + " secret files in " + folder + ": " + String.join(", ", made));
    }

    /** Makes what is missing in {@code folder}; returns the names of the files it made. */
    static List<String> make(Path folder) {
        List<String> made = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // the folder's own protection applies
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        List<String> passwords =
                new ArrayList<>(List.of("kafka_admin_password", "mongo_root_password", "identity_admin_password"));
        for (String service : SERVICES) {
            passwords.add(service + "_kafka_password");
            passwords.add(service + "_mongo_password");
            passwords.add(service + "_keys_mongo_password");
        }
        for (String service : EVENT_ONLY_SERVICES) {
            passwords.add(service + "_kafka_password");
            passwords.add(service + "_mongo_password");
        }
        for (String name : passwords) {
            secret(folder, name, ComposeSecrets::password, made);
        }
        for (String service : SERVICES) {
            secret(folder, service + "_sealing_master_key", Sealing::newMasterKey, made);
            secret(folder, service + "_audit_chain_key", ComposeSecrets::chainKey, made);
        }
        for (String service : EVENT_ONLY_SERVICES) {
            secret(folder, service + "_audit_chain_key", ComposeSecrets::chainKey, made);
        }
        certificates(folder, made);
        return made;
    }

    private static void secret(Path folder, String name, Supplier<String> value, List<String> made) {
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            SecretFiles.readOrCreate(file, value);
            made.add(name);
        }
    }

    /** An audit chain key, as the services read it: base64 of 32 random bytes. */
    static String chainKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** 32 random bytes, base64url: safe in URLs, JAAS lines and properties files. */
    static String password() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The CA and, signed by it, a certificate per host; kept as long as the CA is. */
    private static void certificates(Path folder, List<String> made) {
        if (Files.exists(folder.resolve("village_ca.pem"))) {
            return;
        }
        try {
            Path work = Files.createTempDirectory("village-certificates");
            Path store = work.resolve("store.p12");
            keytool(
                    work,
                    "-genkeypair",
                    "-alias",
                    "ca",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp384r1",
                    "-validity",
                    "825",
                    "-dname",
                    "CN=Village CA",
                    "-ext",
                    "bc:c",
                    "-keystore",
                    store.toString());
            keytool(
                    work,
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "ca",
                    "-keystore",
                    store.toString(),
                    "-file",
                    work.resolve("ca.pem").toString());
            for (String host : List.of("kafka", "mongo", "identity")) {
                keytool(
                        work,
                        "-genkeypair",
                        "-alias",
                        host,
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "825",
                        "-dname",
                        "CN=" + host,
                        "-keystore",
                        store.toString());
                keytool(
                        work,
                        "-certreq",
                        "-alias",
                        host,
                        "-keystore",
                        store.toString(),
                        "-file",
                        work.resolve(host + ".csr").toString());
                keytool(
                        work,
                        "-gencert",
                        "-alias",
                        "ca",
                        "-rfc",
                        "-validity",
                        "825",
                        "-keystore",
                        store.toString(),
                        "-ext",
                        "SAN=dns:" + host + ",dns:localhost",
                        "-ext",
                        "EKU=serverAuth,clientAuth",
                        "-infile",
                        work.resolve(host + ".csr").toString(),
                        "-outfile",
                        work.resolve(host + ".pem").toString());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                keys.load(in, STORE_PASSWORD.toCharArray());
            }
            String ca = Files.readString(work.resolve("ca.pem"));
            for (String host : List.of("kafka", "mongo", "identity")) {
                String key =
                        pem("PRIVATE KEY", ((PrivateKey) keys.getKey(host, STORE_PASSWORD.toCharArray())).getEncoded());
                String certificate = Files.readString(work.resolve(host + ".pem"));
                switch (host) {
                    case "kafka" -> write(folder, "kafka_keystore.pem", key + certificate + ca, made);
                    case "mongo" -> write(folder, "mongo_tls.pem", key + certificate, made);
                    default -> {
                        write(folder, "identity_tls_key.pem", key, made);
                        write(folder, "identity_tls_cert.pem", certificate + ca, made);
                    }
                }
            }
            write(folder, "village_ca.pem", ca, made);
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the certificates", e);
        }
    }

    private static void write(Path folder, String name, String content, List<String> made) {
        SecretFiles.replace(folder.resolve(name), content);
        made.add(name);
    }

    private static void keytool(Path work, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
