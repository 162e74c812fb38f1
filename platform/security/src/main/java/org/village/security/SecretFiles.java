package org.village.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Secrets kept in files (a master key, the audit chain key, a mounted secret). A file this creates is readable
 * by its owner only from the moment it exists: it is created with mode 0600 in the same call, never written
 * first and restricted afterwards.
 */
public final class SecretFiles {

    private SecretFiles() {}

    /** The file's text, trimmed of a trailing newline. */
    public static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret file " + file, e);
        }
    }

    /**
     * The file's text; when it does not exist, a new secret from {@code generator} written to a file created
     * for its owner only. Two processes racing to create it both end up with the one that was written first.
     */
    public static String readOrCreate(Path file, Supplier<String> generator) {
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            Path parent = Objects.requireNonNull(file.toAbsolutePath().getParent());
            Files.createDirectories(parent);
            String secret = generator.get();
            Path partial = Files.createTempFile(parent, ".secret", ".tmp", ownerOnly(parent));
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                writer.write(secret);
            }
            try {
                Files.createLink(file, partial);
            } catch (FileAlreadyExistsException lost) {
                // another process created it first: use theirs
            } catch (UnsupportedOperationException noLinks) {
                Files.move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the secret file " + file, e);
        }
    }

    /** Owner read and write, where the file system knows POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly(Path folder) {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    /** Replaces the file's content in one step, through an owner-only file beside it moved into place. */
    public static void replace(Path file, String secret) {
        try {
            Path parent = Objects.requireNonNull(file.toAbsolutePath().getParent());
            Path partial = Files.createTempFile(parent, ".secret", ".tmp", ownerOnly(parent));
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                writer.write(secret);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secret file " + file, e);
        }
    }
}
