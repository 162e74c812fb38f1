package org.village.events;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who may write and read which topic: each service produces only its own topic (reporting none) and reads only the topics it
 * consumes (plus the dead-letter topics of those, where its own consumers' dead letters lie), under consumer
 * groups named after it. The production broker's ACLs are exactly these rules ({@link #rules()}); a Kafka
 * principal is the service's short name.
 */
public enum TopicAccess {
    INTAKE("intake", Topics.INTAKE_EVENTS, List.of(Topics.CASE_EVENTS)),
    CASE("case", Topics.CASE_EVENTS, List.of(Topics.INTAKE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS)),
    REFERRAL("referral", Topics.REFERRAL_EVENTS, List.of(Topics.CASE_EVENTS, Topics.INTAKE_EVENTS)),
    NOTIFICATION(
            "notification",
            Topics.NOTIFICATION_EVENTS,
            List.of(Topics.INTAKE_EVENTS, Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS)),
    /** Reads every topic to count, writes none but the dead letters of what it reads. */
    REPORTING(
            "reporting",
            null,
            List.of(Topics.INTAKE_EVENTS, Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS));

    private final String principal;
    private final @Nullable String produces;

    @SuppressWarnings("ImmutableEnumChecker") // always a List.of(...), which cannot change
    private final List<String> consumes;

    TopicAccess(String principal, @Nullable String produces, List<String> consumes) {
        this.principal = principal;
        this.produces = produces;
        this.consumes = consumes;
    }

    /** The service's Kafka user name. */
    public String principal() {
        return principal;
    }

    /** The topic the service publishes, or null for a service that publishes nothing. */
    public @Nullable String produces() {
        return produces;
    }

    public List<String> consumes() {
        return consumes;
    }

    /** Consumer groups the service may use: every group whose name starts with this. */
    public String groupPrefix() {
        return principal + "-";
    }

    /**
     * One allow rule: {@code principal} may do {@code operations} on the {@code resource} ({@code topic} or
     * {@code group}) named {@code name}, matched {@code LITERAL}ly or as a {@code PREFIXED} name.
     */
    public record Rule(String principal, List<String> operations, String resource, String patternType, String name) {

        /**
         * The rule as one line of the production broker's start script: {@code acl User:<p> <Ops> <res> <type>
         * <name>}.
         */
        public String line() {
            return "acl User:" + principal + " " + String.join(",", operations) + " " + resource + " " + patternType
                    + " " + name;
        }
    }

    /** This service's rules. */
    public List<Rule> serviceRules() {
        List<Rule> rules = new ArrayList<>();
        if (produces != null) {
            rules.add(new Rule(principal, List.of("Write", "Describe"), "topic", "LITERAL", produces));
        }
        for (String topic : consumes) {
            rules.add(new Rule(principal, List.of("Read", "Describe"), "topic", "LITERAL", topic));
            rules.add(new Rule(
                    principal, List.of("Write", "Read", "Describe"), "topic", "LITERAL", Topics.deadLetter(topic)));
        }
        rules.add(new Rule(principal, List.of("Read"), "group", "PREFIXED", groupPrefix()));
        return rules;
    }

    /** Every service's rules. */
    public static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (TopicAccess service : values()) {
            rules.addAll(service.serviceRules());
        }
        return rules;
    }
}
