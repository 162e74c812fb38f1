package org.village.security.sealing;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Seals and opens one subject's data. The record a value belongs to is bound as associated data, so a
 * ciphertext copied onto another record does not open.
 */
public final class SubjectCipher {

    private final Aead aead;

    SubjectCipher(Aead aead) {
        this.aead = aead;
    }

    public byte[] seal(String plaintext, String recordId) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), Sealing.bytes(recordId));
        } catch (GeneralSecurityException e) {
            throw new SealingException("Sealing failed", e);
        }
    }

    public String open(byte[] ciphertext, String recordId) {
        try {
            return new String(aead.decrypt(ciphertext, Sealing.bytes(recordId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SealingException("A sealed value of " + recordId + " does not open with its key", e);
        }
    }
}
