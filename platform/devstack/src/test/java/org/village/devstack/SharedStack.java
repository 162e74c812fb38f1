package org.village.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running stack for the test classes that drive the whole system ({@link ConsoleBrowserIT}, then
 * {@link SystemIT}): started when the first of them begins, closed once every class has run. A start of the whole
 * system takes about a minute on two cores. The classes run in the order of their {@code @Order}
 * (junit-platform.properties): the console's screens first, which count the lists they fill, then the system tests,
 * whose benchmark and fault run fill them by the hundred.
 */
final class SharedStack implements BeforeAllCallback {

    /**
     * The console's idle timeout on this stack: short, so that the idle-session test need not wait 15 minutes, and
     * long enough that no other test's user sits idle that long while the others act, on a slow machine too.
     */
    static final Duration IDLE = Duration.ofSeconds(90);

    private static volatile @Nullable Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.create(SharedStack.class))
                .computeIfAbsent(Running.class, type -> new Running(), Running.class);
    }

    /** The stack as it runs now. */
    static DevStack stack() {
        return current().stack;
    }

    /** Where the stack keeps its data and logs. */
    static Path dataDir() {
        return current().dataDir;
    }

    /** Stops every part of the stack and starts it again on the same data. */
    static DevStack restart() {
        Running now = current();
        StackConfig config = now.stack.config();
        now.stack.close();
        now.stack = DevStack.start(config);
        return now.stack;
    }

    private static Running current() {
        Running now = running;
        if (now == null) {
            throw new IllegalStateException("the class is not extended with SharedStack");
        }
        return now;
    }

    /** The running stack, closed by JUnit when the run ends. */
    private static final class Running implements AutoCloseable {

        private final Path dataDir;
        private DevStack stack;

        Running() {
            System.setProperty("village.console.idle-timeout", IDLE.toSeconds() + "s");
            Path repository = StackConfig.findRepository();
            this.dataDir = repository.resolve("platform/devstack/target/e2e-" + UUID.randomUUID());
            this.stack = DevStack.start(StackConfig.onFreePorts(repository, dataDir, Duration.ofMinutes(3)));
            running = this;
        }

        @Override
        public void close() {
            running = null;
            stack.close();
        }
    }
}
