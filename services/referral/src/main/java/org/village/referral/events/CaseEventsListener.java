package org.village.referral.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.CaseOpened;
import org.village.events.ConsentGranted;
import org.village.events.ConsentRevoked;
import org.village.events.IntakePersonalDataErased;
import org.village.events.Topics;
import org.village.messaging.InboundEvent;
import org.village.messaging.InboundEvents;
import org.village.referral.Referrals;
import org.village.referral.domain.ConsentGrant;
import org.village.referral.store.CaseRefStore;
import org.village.referral.store.ReferralStore;

/**
 * What referral-service learns from the case and intake services: who works a case, which consents are valid,
 * when a consent is revoked or a case closed (its open referrals are revoked) and when a survivor's data is
 * erased (the referrals' shared details become unreadable). Every effect is safe to apply twice.
 */
@Component
public class CaseEventsListener {

    private final ReferralStore store;
    private final CaseRefStore cases;
    private final Referrals desk;

    public CaseEventsListener(ReferralStore store, CaseRefStore cases, Referrals desk) {
        this.store = store;
        this.cases = cases;
        this.desk = desk;
    }

    @KafkaListener(topics = {Topics.CASE_EVENTS, Topics.INTAKE_EVENTS})
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(
                        record,
                        CaseOpened.class,
                        AdvocateAssigned.class,
                        ConsentGranted.class,
                        ConsentRevoked.class,
                        CaseClosed.class,
                        IntakePersonalDataErased.class)
                .ifPresent(this::apply);
    }

    private void apply(InboundEvent<?> event) {
        Object data = event.data();
        if (data instanceof CaseOpened opened) {
            cases.rememberCase(opened.caseId(), opened.agencyId(), opened.dangerLevel());
        } else if (data instanceof AdvocateAssigned assigned) {
            cases.assign(assigned.caseId(), assigned.advocateId());
        } else if (data instanceof ConsentGranted granted) {
            cases.grant(new ConsentGrant(
                    granted.consentId(),
                    granted.caseId(),
                    granted.recipientId(),
                    granted.scope(),
                    granted.expiresAt(),
                    null));
        } else if (data instanceof ConsentRevoked revoked) {
            cases.revokeConsent(revoked.consentId(), revoked.revokedAt());
            desk.revokeOpen(store.pendingSharingDetails(revoked.caseId(), revoked.recipientId()), "CONSENT_REVOKED");
        } else if (data instanceof CaseClosed closed) {
            cases.caseClosed(closed.caseId());
            desk.revokeOpen(store.openOfCase(closed.caseId()), "CASE_CLOSED");
        } else if (data instanceof IntakePersonalDataErased erased && erased.caseId() != null) {
            store.eraseDetailsOfCase(erased.caseId(), erased.erasedAt());
        }
    }
}
