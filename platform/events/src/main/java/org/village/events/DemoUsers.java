package org.village.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo users of docs/DOMAIN.md as {@code village/demo-users.yml} defines them once: identity imports that file
 * under the local profile, the tests issue tokens for these users and {@code ./village} lists them.
 */
public final class DemoUsers {

    /** Where the list is, on the classpath. */
    public static final String RESOURCE = "village/demo-users.yml";

    /** The password every demo user has. */
    public static final String PASSWORD = "village";

    /** One demo user: their sign-in name, their one role and their organisation. */
    public record DemoUser(String username, String role, String org) {}

    private static final List<DemoUser> ALL = load();

    private DemoUsers() {}

    /** Every demo user, in the order the file lists them. */
    public static List<DemoUser> all() {
        return ALL;
    }

    @SuppressWarnings("unchecked")
    private static List<DemoUser> load() {
        try (InputStream in = DemoUsers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Object> identity = (Map<String, Object>) required(root, "village.identity");
            List<Map<String, Object>> users = (List<Map<String, Object>>) required(identity, "demo-users");
            return users.stream()
                    .map(user -> new DemoUser(
                            (String) required(user, "username"),
                            ((List<String>) required(user, "roles")).get(0),
                            (String) required(user, "org")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object required(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return value;
    }
}
