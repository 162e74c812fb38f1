package org.village.identity;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Set;
import java.util.UUID;

/** The RSA key that signs tokens: kept in a file when one is configured, so tokens survive a restart. */
final class SigningKey {

    private static final int KEY_SIZE = 2048;

    private SigningKey() {
    }

    static RSAKey load(Path file) {
        try {
            if (file != null && Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = generate();
            if (file != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, key.toJSONString());
                restrictToOwner(file);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the signing key at " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key at " + file + " is not a JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection applies
        }
    }
}
