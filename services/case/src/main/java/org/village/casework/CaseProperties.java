package org.village.casework;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.village.casework.domain.FollowUpSchedule;

/**
 * The organisations case-service routes between, and the follow-up periods.
 *
 * @param responsibleAgencies each police department's responsible advocacy agency
 * @param agencies each advocacy agency's advocates and supervisors
 * @param followUps when the follow-ups of a new case are due, counted from the intake
 * @param consentRecipients the shelters a survivor may consent to share details with
 * @param orderReminderWindow how long before a protective order expires its reminder goes out
 */
@ConfigurationProperties("village.case")
public record CaseProperties(
        @DefaultValue Map<String, String> responsibleAgencies,
        @DefaultValue Map<String, Agency> agencies,
        @DefaultValue FollowUps followUps,
        @DefaultValue List<String> consentRecipients,
        @DefaultValue("7d") Duration orderReminderWindow) {

    /** An advocacy agency's staff. */
    public record Agency(
            @DefaultValue List<String> advocates,
            @DefaultValue List<String> supervisors) {}

    /** D2 periods. */
    public record FollowUps(
            @DefaultValue("24h") Duration highFirstContact,
            @DefaultValue("72h") Duration standardFirstContact,
            @DefaultValue("72h") Duration highWelfareCheck,
            @DefaultValue("7d") Duration standardWelfareCheck,
            @DefaultValue("1h") Duration urgentContact) {

        public FollowUpSchedule schedule() {
            return new FollowUpSchedule(
                    highFirstContact, standardFirstContact, highWelfareCheck, standardWelfareCheck, urgentContact);
        }
    }

    /**
     * The agency responsible for intakes of an organisation: the department's configured agency, or the
     * organisation itself when an agency's own advocate recorded the intake.
     */
    public Optional<String> agencyFor(String organisation) {
        String agency = responsibleAgencies.get(organisation);
        if (agency != null) {
            return Optional.of(agency);
        }
        return agencies.containsKey(organisation) ? Optional.of(organisation) : Optional.empty();
    }

    public List<String> supervisorsOf(String agency) {
        Agency found = agencies.get(agency);
        return found == null ? List.of() : found.supervisors();
    }

    public List<String> advocatesOf(String agency) {
        Agency found = agencies.get(agency);
        return found == null ? List.of() : found.advocates();
    }
}
