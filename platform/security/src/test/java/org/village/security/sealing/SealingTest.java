package org.village.security.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sealing personal data with per-subject keys. */
class SealingTest {

    private final Sealing sealing = Sealing.withMasterKey(Sealing.newMasterKey());

    @Test
    void sealedDataOpensWithItsSubjectsKeyForItsRecord() {
        byte[] wrapped = sealing.newWrappedKey("survivor-1");
        byte[] sealed = sealing.cipher("survivor-1", wrapped).seal("Ana Diaz", "intake-1/survivor");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Ana Diaz");
        assertThat(sealing.cipher("survivor-1", wrapped).open(sealed, "intake-1/survivor"))
                .isEqualTo("Ana Diaz");
    }

    @Test
    void aCiphertextCopiedOntoAnotherRecordDoesNotOpen() {
        byte[] wrapped = sealing.newWrappedKey("survivor-1");
        SubjectCipher cipher = sealing.cipher("survivor-1", wrapped);
        byte[] sealed = cipher.seal("Ana Diaz", "intake-1/survivor");

        assertThatThrownBy(() -> cipher.open(sealed, "intake-2/survivor")).isInstanceOf(SealingException.class);
    }

    @Test
    void aDataKeyOpensOnlyForItsOwnSubject() {
        byte[] wrapped = sealing.newWrappedKey("survivor-1");

        assertThatThrownBy(() -> sealing.cipher("survivor-2", wrapped)).isInstanceOf(SealingException.class);
    }

    @Test
    void anotherMasterKeyCannotUnwrapTheDataKeys() {
        byte[] wrapped = sealing.newWrappedKey("survivor-1");
        Sealing other = Sealing.withMasterKey(Sealing.newMasterKey());

        assertThatThrownBy(() -> other.cipher("survivor-1", wrapped)).isInstanceOf(SealingException.class);
    }

    @Test
    void eachSubjectHasItsOwnKey() {
        byte[] sealed = sealing.cipher("survivor-1", sealing.newWrappedKey("survivor-1"))
                .seal("Ana", "r");
        SubjectCipher otherSubject = sealing.cipher("survivor-2", sealing.newWrappedKey("survivor-2"));

        assertThatThrownBy(() -> otherSubject.open(sealed, "r")).isInstanceOf(SealingException.class);
    }
}
