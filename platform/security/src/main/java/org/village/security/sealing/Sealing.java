package org.village.security.sealing;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Seals personal data at rest with Google Tink. Each subject (a survivor, a referral's shared details) has its
 * own AES-256-GCM data key; data keys are stored wrapped by the master key from configuration, bound to their
 * subject. Destroying a subject's data key makes everything sealed under it unreadable (crypto-shredding).
 */
public final class Sealing {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead master;

    private Sealing(Aead master) {
        this.master = master;
    }

    /** Sealing under the master key given as a Tink JSON keyset. */
    public static Sealing withMasterKey(String masterKeysetJson) {
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(
                    masterKeysetJson, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
            return new Sealing(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new SealingException("The configured master key is not a valid Tink AEAD keyset", e);
        }
    }

    /** A new master key, as a Tink JSON keyset, for a deployment's secret store or the local stack's data folder. */
    public static String newMasterKey() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get()),
                    RegistryConfiguration.get(),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new SealingException("Cannot generate a master key", e);
        }
    }

    /** A new data key for a subject, wrapped by the master key and bound to the subject's id. */
    public byte[] newWrappedKey(String subjectId) {
        try {
            KeysetHandle key =
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    key, master, bytes(subjectId), RegistryConfiguration.get());
        } catch (GeneralSecurityException e) {
            throw new SealingException("Cannot create a data key", e);
        }
    }

    /** A subject's data key, unwrapped with whichever master key wrapped it and wrapped again under the primary. */
    public byte[] rewrap(String subjectId, byte[] wrappedKey) {
        try {
            KeysetHandle key = TinkProtoKeysetFormat.parseEncryptedKeyset(
                    wrappedKey, master, bytes(subjectId), RegistryConfiguration.get());
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    key, master, bytes(subjectId), RegistryConfiguration.get());
        } catch (GeneralSecurityException e) {
            throw new SealingException("The data key of " + subjectId + " cannot be opened", e);
        }
    }

    /**
     * Master-key rotation, step 1: the keyset with a new primary key added. Data keys wrapped under the old key
     * still open (apps run with this keyset from now on), new ones are wrapped under the new key.
     */
    public static String rotated(String masterKeysetJson) {
        try {
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(
                    masterKeysetJson, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
            KeysetHandle.Builder next = KeysetHandle.newBuilder(current);
            next.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary());
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    next.build(), RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new SealingException("The master key is not a valid Tink AEAD keyset", e);
        }
    }

    /** Master-key rotation, step 3 (after every data key was re-wrapped): the keyset with its primary key alone. */
    public static String retired(String masterKeysetJson) {
        try {
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(
                    masterKeysetJson, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
            KeysetHandle.Builder next = KeysetHandle.newBuilder(current);
            for (int i = next.size() - 1; i >= 0; i--) {
                if (!next.getAt(i).isPrimary()) {
                    next.deleteAt(i);
                }
            }
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    next.build(), RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new SealingException("The master key is not a valid Tink AEAD keyset", e);
        }
    }

    /** How many keys the master keyset holds (2 during a rotation). */
    public static int keyCount(String masterKeysetJson) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(
                            masterKeysetJson, RegistryConfiguration.get(), InsecureSecretKeyAccess.get())
                    .size();
        } catch (GeneralSecurityException e) {
            throw new SealingException("The master key is not a valid Tink AEAD keyset", e);
        }
    }

    /** The cipher of a subject, from its wrapped data key; fails if the key belongs to another subject. */
    public SubjectCipher cipher(String subjectId, byte[] wrappedKey) {
        try {
            KeysetHandle key = TinkProtoKeysetFormat.parseEncryptedKeyset(
                    wrappedKey, master, bytes(subjectId), RegistryConfiguration.get());
            return new SubjectCipher(key.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new SealingException("The data key of " + subjectId + " cannot be opened", e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
