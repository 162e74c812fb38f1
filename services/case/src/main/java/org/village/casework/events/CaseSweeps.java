package org.village.casework.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.village.casework.CaseProperties;
import org.village.casework.store.CaseStore;

/**
 * The periodic checks of D2: tasks past their due time become OVERDUE (each once), and protective orders about
 * to expire produce one reminder per expiry. ShedLock on MongoDB makes one instance of the cluster run it.
 */
@Component
public class CaseSweeps {

    private final CaseStore store;
    private final CaseProperties properties;
    private final Clock clock;

    public CaseSweeps(CaseStore store, CaseProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${village.case.sweep-interval:PT1M}",
            initialDelayString = "${village.case.sweep-interval:PT1M}")
    @SchedulerLock(name = "case-sweeps", lockAtMostFor = "PT5M", lockAtLeastFor = "PT1S")
    public void sweep() {
        Instant now = clock.instant();
        markOverdue(now);
        remindExpiringOrders(now);
    }

    /** Marks every task past its due time OVERDUE; returns how many cases changed. */
    public int markOverdue(Instant now) {
        List<String> ids = store.withTasksDueBy(now);
        ids.forEach(id -> store.change(id, null, file -> file.markOverdue(now)));
        return ids.size();
    }

    /** Sends the reminder of every order in force that expires within the window; returns how many cases changed. */
    public int remindExpiringOrders(Instant now) {
        List<String> ids = store.withOrderRemindersDueBy(now.plus(properties.orderReminderWindow()));
        ids.forEach(
                id -> store.change(id, null, file -> file.remindExpiringOrders(now, properties.orderReminderWindow())));
        return ids.size();
    }
}
