package org.village.security.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.village.security.SecretFiles;

/**
 * Security review finding: one master key and no rotation. The master key rotates in three steps while sealed
 * data stays readable throughout, and the key file is owner-only from the moment it exists.
 */
class MasterKeysIT {

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;
    private String uri;
    private MongoDatabase keys;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        uri = server.bindAndGetConnectionString() + "/case_keys";
        client = MongoClients.create(uri);
        keys = client.getDatabase("case_keys");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private SubjectKeyStore store(Path file) {
        return new SubjectKeyStore(
                new KeyVault(keys), keys, "case_keys", Sealing.withMasterKey(SecretFiles.read(file)));
    }

    private static int run(String... args) {
        return MasterKeys.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theMasterKeyRotatesWhileEverySealedValueStaysReadable() throws Exception {
        Path file = dir.resolve("case-master-key.json");
        SecretFiles.readOrCreate(file, Sealing::newMasterKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        byte[] sealed = store(file).createOrGet("case-1").seal("Leave at night", "case-1/safetyPlan");
        String original = SecretFiles.read(file);

        assertThat(run("rotate", file.toString())).isZero();
        assertThat(Sealing.keyCount(SecretFiles.read(file))).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(store(file).find("case-1").orElseThrow().open(sealed, "case-1/safetyPlan"))
                .isEqualTo("Leave at night");
        assertThatThrownBy(() -> Sealing.withMasterKey(Sealing.retired(SecretFiles.read(file)))
                        .cipher(
                                "case-1",
                                keys.getCollection("case_keys")
                                        .find()
                                        .first()
                                        .get("key", Binary.class)
                                        .getData()))
                .as("before the re-wrap, the new key alone does not open the old wrapping")
                .isInstanceOf(SealingException.class);

        assertThat(run("rewrap", file.toString(), uri, "case_keys")).isZero();
        assertThat(run("retire", file.toString())).isZero();

        assertThat(Sealing.keyCount(SecretFiles.read(file))).isEqualTo(1);
        assertThat(SecretFiles.read(file)).isNotEqualTo(original);
        assertThat(store(file).find("case-1").orElseThrow().open(sealed, "case-1/safetyPlan"))
                .isEqualTo("Leave at night");
        assertThatThrownBy(() -> Sealing.withMasterKey(original)
                        .cipher(
                                "case-1",
                                keys.getCollection("case_keys")
                                        .find()
                                        .first()
                                        .get("key", Binary.class)
                                        .getData()))
                .as("the retired master key opens nothing any more")
                .isInstanceOf(SealingException.class);
    }

    @Test
    void aSubjectsKeyIsCreatedOnceAndWhatItSealedOpensWithTheKeyReadBack() throws Exception {
        Path file = dir.resolve("case-master-key.json");
        SecretFiles.readOrCreate(file, Sealing::newMasterKey);
        SubjectKeyStore store = store(file);

        byte[] sealed = store.createOrGet("case-2").seal("Leave at night", "case-2/safetyPlan");
        // a retried request asks again: the first key is kept and answered
        SubjectCipher again = store.createOrGet("case-2");

        assertThat(again.open(sealed, "case-2/safetyPlan")).isEqualTo("Leave at night");
        assertThat(store.find("case-2").orElseThrow().open(sealed, "case-2/safetyPlan"))
                .isEqualTo("Leave at night");
        assertThat(keys.getCollection("case_keys").countDocuments(new org.bson.Document("_id", "case-2")))
                .isEqualTo(1);
    }

    @Test
    void aMistakenStepIsRefusedWithUsage() {
        assertThat(run("spin", dir.resolve("x").toString())).isEqualTo(2);
    }
}
