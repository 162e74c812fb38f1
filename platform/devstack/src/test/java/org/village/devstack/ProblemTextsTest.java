package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem text a module answering through platform/web names by key ({@code "{to-before-from}"}) is in English and in Spanish: in the
 * module's own {@code problems.properties} or platform/web's, and Bean Validation's ({@code "{village.code}"}) in
 * platform/web's {@code ValidationMessages.properties}; and each Spanish file has exactly its English file's keys.
 * A key missing would answer a refusal with a failure instead of a sentence.
 */
class ProblemTextsTest {

    private static final Pattern KEY_LITERAL = Pattern.compile("\"\\{([a-z0-9.-]+)}\"");

    private final Path repository = StackConfig.findRepository();
    private final Path web = repository.resolve("platform/web/src/main/resources");

    @Test
    void everyKeyAModuleUsesIsInEnglishAndSpanish() throws IOException {
        Set<String> platform = keys(web.resolve("org/village/web/problems.properties"));
        Set<String> validation = keys(web.resolve("ValidationMessages.properties"));
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Path module : modules()) {
            Path own = module.resolve("src/main/resources/problems.properties");
            Set<String> known = new TreeSet<>(platform);
            if (Files.exists(own)) {
                known.addAll(keys(own));
            }
            for (String key : keysUsed(module)) {
                used++;
                boolean found = key.startsWith("village.") ? validation.contains(key) : known.contains(key);
                if (!found) {
                    missing.add(repository.relativize(module) + ": " + key);
                }
            }
        }
        assertThat(used).as("keys used").isGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    @Test
    void eachSpanishFileHasItsEnglishFilesKeys() throws IOException {
        List<Path> english = new ArrayList<>();
        english.add(web.resolve("org/village/web/problems.properties"));
        english.add(web.resolve("ValidationMessages.properties"));
        for (Path module : modules()) {
            Path own = module.resolve("src/main/resources/problems.properties");
            if (Files.exists(own)) {
                english.add(own);
            }
        }
        assertThat(english).hasSizeGreaterThan(5);
        for (Path file : english) {
            Path spanish = file.resolveSibling(file.getFileName().toString().replace(".properties", "_es.properties"));
            assertThat(keys(spanish))
                    .as(repository.relativize(spanish).toString())
                    .isEqualTo(keys(file));
        }
    }

    /** platform/web and the modules that answer through it (their poms name village-web). */
    private List<Path> modules() throws IOException {
        List<Path> modules = new ArrayList<>();
        modules.add(repository.resolve("platform/web"));
        try (Stream<Path> dirs = Files.list(repository.resolve("services"))) {
            for (Path dir : dirs.sorted().toList()) {
                Path pom = dir.resolve("pom.xml");
                if (Files.exists(pom) && Files.readString(pom).contains("<artifactId>village-web</artifactId>")) {
                    modules.add(dir);
                }
            }
        }
        return modules;
    }

    private static Set<String> keysUsed(Path module) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = KEY_LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    keys.add(literal.group(1));
                }
            }
        }
        return keys;
    }

    private static Set<String> keys(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
