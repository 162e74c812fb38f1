package org.village.messaging;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * W3C trace context ({@code traceparent}) carried along one piece of work: from an HTTP request, into the
 * events its change causes (stored with them in the outbox, sent as the {@value #HEADER} Kafka header), and on
 * into the work a consumer does for them. The trace id is in the logging context as {@value #LOG_KEY}.
 */
public final class TraceContext {

    public static final String HEADER = "traceparent";
    public static final String LOG_KEY = "traceId";
    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String NO_TRACE = "0".repeat(32);
    private static final String NO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TraceContext() {}

    /** The {@code traceparent} of the work this thread does now, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The trace id of a {@code traceparent}. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /**
     * Makes this thread's work a step of the trace {@code incoming} names (a new span of it), or of a new trace when
     * {@code incoming} is absent or malformed. Close the scope when the work is done.
     */
    public static Scope continueOrStart(@Nullable String incoming) {
        String parent = valid(incoming) ? incoming : null;
        String traceId = parent == null ? hex(16, NO_TRACE) : traceId(parent);
        String flags = parent == null ? "01" : parent.substring(53, 55);
        return open("00-" + traceId + "-" + hex(8, NO_SPAN) + "-" + flags);
    }

    static boolean valid(@Nullable String traceparent) {
        if (traceparent == null) {
            return false;
        }
        var match = VALID.matcher(traceparent.trim());
        return match.matches()
                && !match.group(1).equals(NO_TRACE)
                && !match.group(2).equals(NO_SPAN);
    }

    private static Scope open(String traceparent) {
        String previous = CURRENT.get();
        String previousLogged = MDC.get(LOG_KEY);
        CURRENT.set(traceparent);
        MDC.put(LOG_KEY, traceId(traceparent));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            if (previousLogged == null) {
                MDC.remove(LOG_KEY);
            } else {
                MDC.put(LOG_KEY, previousLogged);
            }
        };
    }

    private static String hex(int bytes, String forbidden) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(random);
            hex = HexFormat.of().formatHex(random);
        } while (hex.equals(forbidden));
        return hex;
    }

    /** The end of a step of a trace: the thread returns to what it did before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
