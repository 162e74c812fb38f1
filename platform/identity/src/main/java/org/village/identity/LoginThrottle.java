package org.village.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;

/**
 * Slows and then locks failed sign-ins, per account and per client address, so that a password cannot be
 * guessed and one attacker's address locks out nobody but itself and the accounts it attacks. Every failure,
 * refusal and lock is written to the audit log ({@code village.audit.login}); an admin lists and lifts locks.
 * Counters live in this instance's memory and forget what is older than the window.
 */
final class LoginThrottle {

    private static final Logger audit = LoggerFactory.getLogger("village.audit.login");
    private static final int MAX_TRACKED = 100_000;

    /** What is counted: an account or a client address. */
    enum Kind {
        ACCOUNT,
        ADDRESS
    }

    /** A lock in force. */
    record Lock(Kind kind, String value, int failures, Instant lockedUntil) {}

    /** A sign-in refused before its password was checked: too soon after the last failure, or locked. */
    static final class Refused extends AuthenticationException {

        private final Duration retryAfter;

        Refused(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    private record Key(Kind kind, String value) {}

    private static final class Tally {
        final Deque<Instant> failures = new ArrayDeque<>();

        @Nullable
        Instant lockedUntil;
    }

    private final IdentityProperties.Login settings;
    private final Clock clock;
    private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

    LoginThrottle(IdentityProperties.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses the attempt when the account or the address is locked, or must still wait. */
    void before(String account, String address) {
        Instant now = clock.instant();
        for (Key key : List.of(new Key(Kind.ACCOUNT, account), new Key(Kind.ADDRESS, address))) {
            Tally tally = tallies.get(key);
            if (tally == null) {
                continue;
            }
            Duration wait;
            synchronized (tally) {
                wait = waitFor(tally, now);
            }
            if (!wait.isZero()) {
                boolean locked = tally.lockedUntil != null && tally.lockedUntil.isAfter(now);
                audit.info(
                        "LOGIN_REFUSED account={} address={} because={} {} retryAfter={}s",
                        account,
                        address,
                        locked ? "locked" : "throttled",
                        key.kind().name().toLowerCase(Locale.ROOT),
                        seconds(wait));
                throw new Refused(
                        locked
                                ? "Too many failed sign-ins: this "
                                        + (key.kind() == Kind.ACCOUNT ? "account" : "address")
                                        + " is locked. Try again in " + minutes(wait) + " or ask an admin to unlock it."
                                : "Too many failed sign-ins: wait " + seconds(wait) + " seconds before trying again.",
                        wait);
            }
        }
    }

    /** Counts a wrong password (or unknown user) against the account and the address; locks at the threshold. */
    void failed(String account, String address) {
        Instant now = clock.instant();
        prune(now);
        for (Key key : List.of(new Key(Kind.ACCOUNT, account), new Key(Kind.ADDRESS, address))) {
            Tally tally = tallies.computeIfAbsent(key, k -> new Tally());
            synchronized (tally) {
                forgetOld(tally, now);
                tally.failures.addLast(now);
                int limit = key.kind() == Kind.ACCOUNT ? settings.accountLockAfter() : settings.addressLockAfter();
                if (tally.failures.size() >= limit && (tally.lockedUntil == null || !tally.lockedUntil.isAfter(now))) {
                    tally.lockedUntil = now.plus(settings.lockFor());
                    audit.warn(
                            "LOGIN_LOCKED {}={} failures={} until={}",
                            key.kind().name().toLowerCase(Locale.ROOT),
                            key.value(),
                            tally.failures.size(),
                            tally.lockedUntil);
                }
            }
        }
        audit.info("LOGIN_FAILED account={} address={}", account, address);
    }

    /** A right password: the account's failures are forgotten (the address's are kept). */
    void succeeded(String account, String address) {
        tallies.remove(new Key(Kind.ACCOUNT, account));
        audit.info("LOGIN_SUCCEEDED account={} address={}", account, address);
    }

    /** The locks in force, longest-lasting first. */
    List<Lock> locks() {
        Instant now = clock.instant();
        List<Lock> locks = new ArrayList<>();
        tallies.forEach((key, tally) -> {
            synchronized (tally) {
                if (tally.lockedUntil != null && tally.lockedUntil.isAfter(now)) {
                    locks.add(new Lock(key.kind(), key.value(), tally.failures.size(), tally.lockedUntil));
                }
            }
        });
        locks.sort(Comparator.comparing(Lock::lockedUntil).reversed());
        return locks;
    }

    /** Lifts the lock of an account or address and forgets its failures; false when none was in force. */
    boolean lift(Kind kind, String value, String by) {
        Tally removed = tallies.remove(new Key(kind, value));
        boolean wasLocked =
                removed != null && removed.lockedUntil != null && removed.lockedUntil.isAfter(clock.instant());
        if (wasLocked) {
            audit.warn("LOGIN_UNLOCKED {}={} by={}", kind.name().toLowerCase(Locale.ROOT), value, by);
        }
        return wasLocked;
    }

    private Duration waitFor(Tally tally, Instant now) {
        forgetOld(tally, now);
        if (tally.lockedUntil != null && tally.lockedUntil.isAfter(now)) {
            return Duration.between(now, tally.lockedUntil);
        }
        int over = tally.failures.size() - settings.freeAttempts();
        if (over < 0 || tally.failures.isEmpty()) {
            return Duration.ZERO;
        }
        Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(over, 20));
        if (delay.compareTo(settings.longestDelay()) > 0) {
            delay = settings.longestDelay();
        }
        Instant allowedAt = tally.failures.peekLast().plus(delay);
        return allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
    }

    private void forgetOld(Tally tally, Instant now) {
        Instant horizon = now.minus(settings.window());
        while (!tally.failures.isEmpty() && tally.failures.peekFirst().isBefore(horizon)) {
            tally.failures.removeFirst();
        }
    }

    /** Keeps memory bounded: forgets tallies with no recent failure and no lock once there are many. */
    private void prune(Instant now) {
        if (tallies.size() < MAX_TRACKED) {
            return;
        }
        tallies.entrySet().removeIf(entry -> {
            Tally tally = entry.getValue();
            synchronized (tally) {
                forgetOld(tally, now);
                return tally.failures.isEmpty() && (tally.lockedUntil == null || !tally.lockedUntil.isAfter(now));
            }
        });
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
