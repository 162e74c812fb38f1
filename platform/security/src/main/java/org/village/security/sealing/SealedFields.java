package org.village.security.sealing;

import java.util.Optional;
import org.bson.types.Binary;

/**
 * The free-text fields of one subject's records (a case's task notes, a referral's decline note), sealed under
 * the subject's data key. The key is looked up once, and only when a field is sealed or opened; a field whose
 * key was destroyed opens as {@code null}, so erasure takes every such field with it.
 */
public final class SealedFields {

    private final SubjectKeyStore keys;
    private final String subjectId;
    private Optional<SubjectCipher> cipher;

    SealedFields(SubjectKeyStore keys, String subjectId) {
        this.keys = keys;
        this.subjectId = subjectId;
    }

    /** The text sealed for storage, bound to {@code field} (a path unique within the subject); null stays null. */
    public Binary seal(String text, String field) {
        if (text == null) {
            return null;
        }
        if (cipher == null || cipher.isEmpty()) {
            cipher = Optional.of(keys.createOrGet(subjectId));
        }
        return new Binary(cipher.get().seal(text, subjectId + "/" + field));
    }

    /**
     * The text of a stored field: null when there is none or its key was destroyed. A plain string written before
     * the field was sealed is returned as it is, and sealed when its record is next written.
     */
    public String open(Object stored, String field) {
        if (stored instanceof String plain) {
            return plain;
        }
        if (!(stored instanceof Binary sealed)) {
            return null;
        }
        if (cipher == null) {
            cipher = keys.find(subjectId);
        }
        return cipher.map(c -> c.open(sealed.getData(), subjectId + "/" + field))
                .orElse(null);
    }
}
