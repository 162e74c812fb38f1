package org.village.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The RSA keys that sign tokens, kept in a file (a JWK set) when one is configured, so tokens survive a restart.
 * The first key signs; the others are still published, so that tokens signed before a rotation verify until
 * they expire. Rotation, while identity runs: {@code rotate <key-file>} puts a new key first (restart identity:
 * it signs with the new key and publishes both), then, once every token signed with the old key has expired
 * (the access-token lifetime), {@code retire <key-file>} keeps the first key alone. The file is created and
 * rewritten owner-only in one step.
 */
final class SigningKey {

    private static final int KEY_SIZE = 2048;

    private SigningKey() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 2 || !List.of("rotate", "retire").contains(args[0])) {
            out.println("usage: rotate <key-file> | retire <key-file>");
            return 2;
        }
        Path file = Path.of(args[1]);
        if (!Files.isRegularFile(file)) {
            out.println("No signing key file at " + file);
            return 1;
        }
        List<JWK> keys = new ArrayList<>(load(file).getKeys());
        if (args[0].equals("rotate")) {
            keys.add(0, generate());
            write(file, new JWKSet(keys));
            out.println("A new signing key " + keys.get(0).getKeyID() + " leads " + file + "; restart identity, and "
                    + "retire the old key once the tokens it signed have expired.");
        } else {
            write(file, new JWKSet(keys.get(0)));
            out.println("Signing key " + keys.get(0).getKeyID() + " is now the only key in " + file
                    + "; restart identity.");
        }
        return 0;
    }

    /** The keys, signing key first: from the file (created with one new key when missing), or one fresh key. */
    static JWKSet load(Path file) {
        try {
            if (file != null && Files.exists(file)) {
                String text = Files.readString(file);
                return text.contains("\"keys\"") ? JWKSet.parse(text) : new JWKSet(RSAKey.parse(text));
            }
            JWKSet keys = new JWKSet(generate());
            if (file != null) {
                write(file, keys);
            }
            return keys;
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key file " + file + " is not a JWK set", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key file " + file, e);
        }
    }

    private static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the keys through an owner-only file beside the target, moved into place in one step. */
    private static void write(Path file, JWKSet keys) {
        try {
            Path parent = Objects.requireNonNull(file.toAbsolutePath().getParent());
            Files.createDirectories(parent);
            FileAttribute<?>[] ownerOnly =
                    parent.getFileSystem().supportedFileAttributeViews().contains("posix")
                            ? new FileAttribute<?>[] {
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                            }
                            : new FileAttribute<?>[0];
            Path partial = Files.createTempFile(parent, ".signing-key", ".tmp", ownerOnly);
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                writer.write(keys.toString(false));
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the signing key at " + file, e);
        }
    }
}
