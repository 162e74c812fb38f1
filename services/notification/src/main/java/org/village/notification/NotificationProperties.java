package org.village.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.village.notification.domain.Directory;
import org.village.notification.domain.ResendPolicy;

/**
 * notification-service settings ({@code village.notification.*}).
 *
 * @param organisations  who works where: each organisation's supervisors (escalations, overdue tasks) and, for a
 *                       shelter, its staff (referrals)
 * @param urgentEvery    an unacknowledged URGENT notification is re-sent this often…
 * @param urgentResends  …this many times, then escalated one period later
 * @param highEvery      an unacknowledged HIGH notification is re-sent after this…
 * @param highResends    …this many times, then escalated one period later
 * @param sweepInterval  how often the re-send and escalation sweep runs (once per cluster)
 * @param delivery       the external channels
 * @param streamTimeout  how long a live stream stays open before the client reconnects
 * @param streamsPerUser live streams one user may hold open on an instance; a new one ends their oldest
 * @param inboxUrl       where e-mails send their reader to acknowledge
 * @param settingsKeptFor how long an instance keeps the channels and webhooks it read for routing: a change made
 *                       on another instance is used within this time (zero reads them for every event)
 */
@ConfigurationProperties("village.notification")
public record NotificationProperties(
        @DefaultValue Map<String, Organisation> organisations,
        @DefaultValue("PT15M") Duration urgentEvery,
        @DefaultValue("4") int urgentResends,
        @DefaultValue("PT1H") Duration highEvery,
        @DefaultValue("1") int highResends,
        @DefaultValue("PT1M") Duration sweepInterval,
        @DefaultValue Delivery delivery,
        @DefaultValue("PT30M") Duration streamTimeout,
        @DefaultValue("3") int streamsPerUser,

        @DefaultValue("http://localhost:8080/api/notifications")
        String inboxUrl,

        @DefaultValue("PT5S") Duration settingsKeptFor)
        implements Directory {

    public record Organisation(
            @DefaultValue List<String> supervisors,
            @DefaultValue List<String> staff) {}

    /**
     * How e-mails and webhooks are delivered.
     *
     * @param from          the sender of e-mails
     * @param attempts      tries per delivery, with back-off from {@code backoff}, before it is left for later
     * @param backoff       the first wait between tries (doubled each time)
     * @param retryAfter    a failed delivery is tried again this much later (doubled per failure, at most 15 min)
     * @param retryInterval how often failed and unfinished deliveries are looked for (once per cluster)
     * @param lease         how long a delivery being tried is left to its trier before others may take it
     * @param timeout       the longest a webhook call may take
     * @param concurrent    calls at once per channel (bulkhead)
     * @param openFor       how long a channel's circuit breaker stays open after it tripped
     * @param allowedHosts  webhook hosts (as written in the URL) exempt from the check against internal addresses
     */
    public record Delivery(
            @DefaultValue("village@localhost") String from,
            @DefaultValue("3") int attempts,
            @DefaultValue("PT0.2S") Duration backoff,
            @DefaultValue("PT30S") Duration retryAfter,
            @DefaultValue("PT15S") Duration retryInterval,
            @DefaultValue("PT2M") Duration lease,
            @DefaultValue("PT5S") Duration timeout,
            @DefaultValue("4") int concurrent,
            @DefaultValue("PT30S") Duration openFor,
            @DefaultValue List<String> allowedHosts) {}

    public ResendPolicy.ByPriority resendPolicies() {
        return new ResendPolicy.ByPriority(
                new ResendPolicy(urgentEvery, urgentResends), new ResendPolicy(highEvery, highResends));
    }

    @Override
    public List<String> supervisorsOf(@Nullable String org) {
        Organisation found = org == null ? null : organisations.get(org);
        return found == null ? List.of() : found.supervisors();
    }

    @Override
    public List<String> staffOf(String shelterId) {
        Organisation found = shelterId == null ? null : organisations.get(shelterId);
        return found == null ? List.of() : found.staff();
    }
}
