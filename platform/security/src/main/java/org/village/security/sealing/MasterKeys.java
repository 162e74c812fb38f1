package org.village.security.sealing;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.village.security.SecretFiles;

/**
 * Rotating a service's master key, in three steps, while the service runs:
 * <ol>
 *   <li>{@code rotate <master-key-file>}: adds a new primary key to the keyset; restart (or roll) the service
 *       with it: data keys wrapped under the old key still open, new ones are wrapped under the new key;</li>
 *   <li>{@code rewrap <master-key-file> <key-database-uri> <collection>...}: wraps every data key again under
 *       the new primary;</li>
 *   <li>{@code retire <master-key-file>}: removes the old key from the keyset; restart the service with it.</li>
 * </ol>
 * The file is rewritten owner-only, in one step. Run it from a service's jar:
 * {@code java -cp app.jar -Dloader.main=org.village.security.sealing.MasterKeys
 * org.springframework.boot.loader.launch.PropertiesLauncher rotate /run/secrets/...}.
 */
public final class MasterKeys {

    private MasterKeys() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length < 2) {
            out.println("usage: rotate <master-key-file> | rewrap <master-key-file> <key-database-uri> <collection>... "
                    + "| retire <master-key-file>");
            return 2;
        }
        if (!List.of("rotate", "rewrap", "retire").contains(args[0])) {
            out.println("unknown step " + args[0] + ": rotate, rewrap or retire");
            return 2;
        }
        Path file = Path.of(args[1]);
        if (!Files.isRegularFile(file)) {
            out.println("No master key file at " + file);
            return 1;
        }
        String keyset = SecretFiles.read(file);
        switch (args[0]) {
            case "rotate" -> {
                String rotated = Sealing.rotated(keyset);
                SecretFiles.replace(file, rotated);
                out.println("The master key in " + file + " now holds " + Sealing.keyCount(rotated)
                        + " keys, the new one primary: restart the service with it, then rewrap.");
                return 0;
            }
            case "rewrap" -> {
                if (args.length < 4) {
                    out.println("usage: rewrap <master-key-file> <key-database-uri> <collection>...");
                    return 2;
                }
                Sealing sealing = Sealing.withMasterKey(keyset);
                try (MongoClient client = MongoClients.create(args[2])) {
                    MongoDatabase keys = client.getDatabase(new ConnectionString(args[2]).getDatabase());
                    for (String collection : Arrays.copyOfRange(args, 3, args.length)) {
                        int count = new SubjectKeyStore(new KeyVault(keys), keys, collection, sealing).rewrapAll();
                        out.println(collection + ": " + count + " data keys wrapped under the new master key");
                    }
                }
                return 0;
            }
            case "retire" -> {
                String retired = Sealing.retired(keyset);
                SecretFiles.replace(file, retired);
                out.println("The master key in " + file + " now holds its primary key alone: restart the service.");
                return 0;
            }
            default -> {
                out.println("unknown step " + args[0] + ": rotate, rewrap or retire");
                return 2;
            }
        }
    }
}
