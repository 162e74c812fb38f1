package org.village.notification.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedRunnable;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.village.notification.NotificationProperties;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Notification;
import org.village.notification.store.DeliveryLedger;

/**
 * Sends notifications over their external channels, apart from the in-app inbox, which never waits for them.
 * Each call goes through a retry (bounded, exponential back-off), a circuit breaker and a bulkhead per channel;
 * what still fails is recorded on the notification (status, attempts, last error) and tried again later by
 * {@link #retryDue()}, once per cluster, until delivered. A delivery is never dropped for a failure.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final int BATCH = 200;
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP (\\d{3})");

    private final DeliveryLedger ledger;
    private final Map<Delivery.Channel, Channel> channels = new HashMap<>();
    private final NotificationProperties.Delivery settings;
    private final Clock clock;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final ExecutorService senders;

    public Deliveries(DeliveryLedger ledger, List<Channel> channels, NotificationProperties properties, Clock clock) {
        this.ledger = ledger;
        channels.forEach(channel -> this.channels.put(channel.kind(), channel));
        this.settings = properties.delivery();
        this.clock = clock;
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), 2.0))
                .ignoreExceptions(CallNotPermittedException.class, BulkheadFullException.class, Channel.Nowhere.class)
                .build());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .ignoreExceptions(Channel.Nowhere.class)
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.concurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(2, settings.concurrent()), runnable -> {
            Thread thread = new Thread(runnable, "notification-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Tries a new or re-sent notification's channels now, off the caller's thread. */
    public void dispatchSoon(Notification notification) {
        if (notification.deliveries().values().stream().noneMatch(d -> d.owes(notification.sendCount()))) {
            return;
        }
        try {
            senders.execute(() -> attempt(notification));
        } catch (RejectedExecutionException shuttingDown) {
            log.info("Delivery of {} left to the retry sweep", notification.notificationId());
        }
    }

    /** Tries every delivery that is due again: failed ones after their back-off, and any a crash left behind. */
    @Scheduled(
            fixedDelayString = "${village.notification.delivery.retry-interval:PT15S}",
            initialDelayString = "${village.notification.delivery.retry-interval:PT15S}")
    @SchedulerLock(name = "notification-deliveries", lockAtMostFor = "PT5M", lockAtLeastFor = "PT1S")
    public void retryDue() {
        retry(clock.instant());
    }

    /** Tries the deliveries due at {@code now}; returns how many notifications were tried. */
    public int retry(Instant now) {
        int tried = 0;
        for (Notification due : ledger.deliveriesDue(now, BATCH)) {
            if (ledger.claimDeliveries(due.notificationId(), now, now.plus(settings.lease()))) {
                attempt(due);
                tried++;
            }
        }
        return tried;
    }

    /** Sends each owed delivery of a notification that is due, and records how each went. */
    void attempt(Notification notification) {
        Map<String, Delivery> states = new HashMap<>(notification.deliveries());
        for (Delivery delivery : notification.deliveries().values()) {
            if (!delivery.owes(notification.sendCount()) || notYet(delivery)) {
                continue;
            }
            Delivery outcome = send(notification, delivery);
            states.put(outcome.key(), outcome);
            ledger.recordDelivery(
                    notification.notificationId(),
                    notification.sendCount(),
                    outcome,
                    nextDue(states.values(), notification.sendCount()));
        }
    }

    private boolean notYet(Delivery delivery) {
        return delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(clock.instant());
    }

    private Delivery send(Notification notification, Delivery delivery) {
        Channel channel = Objects.requireNonNull(channels.get(delivery.channel()), "every channel has its sender");
        String name = channel.resilienceName(delivery);
        CheckedRunnable call = () -> channel.send(notification, delivery);
        CheckedRunnable guarded = Retry.decorateCheckedRunnable(
                retries.retry(name),
                CircuitBreaker.decorateCheckedRunnable(
                        breakers.circuitBreaker(name),
                        Bulkhead.decorateCheckedRunnable(bulkheads.bulkhead(name), call)));
        Instant now = clock.instant();
        try {
            guarded.run();
            return new Delivery(
                    delivery.channel(),
                    delivery.webhookId(),
                    Delivery.Status.DELIVERED,
                    delivery.attempts() + 1,
                    notification.sendCount(),
                    null,
                    now,
                    now,
                    null);
        } catch (Channel.Nowhere nowhere) {
            return new Delivery(
                    delivery.channel(),
                    delivery.webhookId(),
                    Delivery.Status.SKIPPED,
                    delivery.attempts(),
                    delivery.sentUpTo(),
                    nowhere.getMessage(),
                    now,
                    null,
                    null);
        } catch (Throwable failure) {
            int attempts = delivery.attempts() + 1;
            Instant next = now.plus(backoff(attempts));
            log.warn(
                    "{} delivery of notification {} failed ({}); next try at {}",
                    delivery.channel(),
                    notification.notificationId(),
                    failure.getClass().getSimpleName(),
                    next);
            return new Delivery(
                    delivery.channel(),
                    delivery.webhookId(),
                    Delivery.Status.FAILED,
                    attempts,
                    delivery.sentUpTo(),
                    describe(failure),
                    now,
                    delivery.deliveredAt(),
                    next);
        }
    }

    private Duration backoff(int failures) {
        Duration wait = settings.retryAfter().multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** When the notification is next owed an attempt: the earliest owed delivery, or null when none is owed. */
    private @Nullable Instant nextDue(Iterable<Delivery> deliveries, int sendCount) {
        Instant next = null;
        for (Delivery d : deliveries) {
            if (d.owes(sendCount)) {
                Instant at = Objects.requireNonNullElse(
                        d.nextAttemptAt(), clock.instant().plus(settings.lease()));
                next = next == null || at.isBefore(next) ? at : next;
            }
        }
        return next;
    }

    /**
     * What the recipient is told of a failure: its kind in a few words, never the text of the exception, which
     * can carry what a destination or mail server answered.
     */
    static String describe(Throwable failure) {
        if (failure instanceof WebhookChannel.DestinationRefused) {
            return "the destination is not allowed";
        }
        Matcher status = HTTP_STATUS.matcher(String.valueOf(failure.getMessage()));
        if (failure instanceof IOException && status.find()) {
            return "the destination answered HTTP " + status.group(1);
        }
        if (failure instanceof HttpTimeoutException || failure instanceof SocketTimeoutException) {
            return "the destination did not answer in time";
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            return "the destination could not be reached";
        }
        if (failure instanceof CallNotPermittedException || failure instanceof BulkheadFullException) {
            return "held back while the channel recovers";
        }
        return "not delivered (" + failure.getClass().getSimpleName() + ")";
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }
}
