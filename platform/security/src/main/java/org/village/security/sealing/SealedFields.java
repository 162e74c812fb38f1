package org.village.security.sealing;

import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

/**
 * The free-text fields of one subject's records (a case's task notes, a referral's decline note), sealed under
 * the subject's data key. The key is looked up once, and only when a field is sealed or opened; a field whose
 * key was destroyed opens as {@code null}, so erasure takes every such field with it.
 */
public final class SealedFields {

    private final SubjectKeyStore keys;
    private final String subjectId;
    /** The subject's cipher once looked up; null before, or when its key does not exist (yet, or any more). */
    private @Nullable SubjectCipher cipher;

    private boolean lookedUp;

    SealedFields(SubjectKeyStore keys, String subjectId) {
        this.keys = keys;
        this.subjectId = subjectId;
    }

    /** The text sealed for storage, bound to {@code field} (a path unique within the subject); null stays null. */
    public @Nullable Binary seal(@Nullable String text, String field) {
        if (text == null) {
            return null;
        }
        SubjectCipher sealing = cipher;
        if (sealing == null) {
            sealing = keys.createOrGet(subjectId);
            cipher = sealing;
            lookedUp = true;
        }
        return new Binary(sealing.seal(text, subjectId + "/" + field));
    }

    /**
     * The text of a stored field: null when there is none or its key was destroyed. A plain string written before
     * the field was sealed is returned as it is, and sealed when its record is next written.
     */
    public @Nullable String open(@Nullable Object stored, String field) {
        if (stored instanceof String plain) {
            return plain;
        }
        if (!(stored instanceof Binary sealed)) {
            return null;
        }
        if (!lookedUp) {
            cipher = keys.find(subjectId).orElse(null);
            lookedUp = true;
        }
        SubjectCipher opening = cipher;
        return opening == null ? null : opening.open(sealed.getData(), subjectId + "/" + field);
    }
}
