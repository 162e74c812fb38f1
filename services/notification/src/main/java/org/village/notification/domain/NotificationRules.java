package org.village.notification.domain;

import static org.village.events.EventCatalog.ADVOCATE_ASSIGNED;
import static org.village.events.EventCatalog.BED_AVAILABILITY_CHANGED;
import static org.village.events.EventCatalog.CASE_CLOSED;
import static org.village.events.EventCatalog.CASE_OPENED;
import static org.village.events.EventCatalog.CONSENT_GRANTED;
import static org.village.events.EventCatalog.CONSENT_REVOKED;
import static org.village.events.EventCatalog.INTAKE_PERSONAL_DATA_ERASED;
import static org.village.events.EventCatalog.INTAKE_SUBMITTED;
import static org.village.events.EventCatalog.NOTIFICATION_ACKNOWLEDGED;
import static org.village.events.EventCatalog.NOTIFICATION_ESCALATED;
import static org.village.events.EventCatalog.NOTIFICATION_SENT;
import static org.village.events.EventCatalog.PROTECTIVE_ORDER_CHANGED;
import static org.village.events.EventCatalog.PROTECTIVE_ORDER_EXPIRING;
import static org.village.events.EventCatalog.REFERRAL_ACCEPTED;
import static org.village.events.EventCatalog.REFERRAL_COMPLETED;
import static org.village.events.EventCatalog.REFERRAL_DECLINED;
import static org.village.events.EventCatalog.REFERRAL_EXPIRED;
import static org.village.events.EventCatalog.REFERRAL_REQUESTED;
import static org.village.events.EventCatalog.REFERRAL_REVOKED;
import static org.village.events.EventCatalog.REFERRAL_UNANSWERED;
import static org.village.events.EventCatalog.TASK_CANCELLED;
import static org.village.events.EventCatalog.TASK_COMPLETED;
import static org.village.events.EventCatalog.TASK_OVERDUE;
import static org.village.events.EventCatalog.TASK_SCHEDULED;
import static org.village.notification.domain.Facts.all;
import static org.village.notification.domain.NotificationKind.CASE_ASSIGNED;
import static org.village.notification.domain.NotificationKind.ESCALATION;
import static org.village.notification.domain.NotificationKind.REFERRAL_ANSWERED;
import static org.village.notification.domain.NotificationKind.REFERRAL_RECEIVED;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.EventType;
import org.village.events.NotificationEscalated;
import org.village.events.Priority;
import org.village.events.ProtectiveOrderExpiring;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralExpired;
import org.village.events.ReferralRequested;
import org.village.events.ReferralUnanswered;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.events.VillageEvent;
import org.village.notification.domain.Rule.Recipients;
import org.village.notification.domain.Rule.Text;
import org.village.notification.domain.Rule.Urgency;
import org.village.notification.domain.Rule.Words;

/**
 * D5 routing: every event type of the catalog, who it tells what, how urgently. A row that tells nobody says why.
 * The words name ids, roles, codes and times, never what the survivor said; no row tells an officer of a shelter.
 * URGENT and HIGH notifications must be acknowledged; {@link ResendPolicy} re-sends and escalates them.
 */
public final class NotificationRules {

    /** A task due this soon after it was scheduled is announced as URGENT. */
    public static final Duration URGENT_TASK_WINDOW = Duration.ofHours(1);

    public static final List<Rule<?>> TABLE = List.of(
            // event                       kind                        to                                      priority
            row(
                    ADVOCATE_ASSIGNED,
                    CASE_ASSIGNED,
                    (e, f) -> f.advocate(e.advocateId()),
                    (e, f) -> f.urgentIfHighDanger(Priority.HIGH),
                    NotificationRules::caseAssigned),
            row(
                    ADVOCATE_ASSIGNED,
                    NotificationKind.CASE_OPENED,
                    (e, f) -> e.previousAdvocateId() == null ? f.submittingOfficer() : List.of(),
                    fixed(Priority.NORMAL),
                    NotificationRules::caseOpened),
            row(
                    TASK_SCHEDULED,
                    NotificationKind.TASK_SCHEDULED,
                    (e, f) -> f.assignee(e.assigneeId()),
                    NotificationRules::dueWithinTheHour,
                    NotificationRules::taskScheduled),
            row(
                    TASK_OVERDUE,
                    NotificationKind.TASK_OVERDUE,
                    (e, f) -> all(f.assignee(e.assigneeId()), f.agencySupervisors()),
                    (e, f) -> f.urgentIfHighDanger(Priority.HIGH),
                    NotificationRules::taskOverdue),
            row(
                    REFERRAL_REQUESTED,
                    REFERRAL_RECEIVED,
                    (e, f) -> f.shelterStaff(e.shelterId()),
                    (e, f) -> f.urgentIfHighDanger(Priority.HIGH),
                    NotificationRules::referralReceived),
            row(
                    REFERRAL_ACCEPTED,
                    REFERRAL_ANSWERED,
                    (e, f) -> f.referringAdvocate(),
                    fixed(Priority.HIGH),
                    NotificationRules::referralAccepted),
            row(
                    REFERRAL_DECLINED,
                    REFERRAL_ANSWERED,
                    (e, f) -> f.referringAdvocate(),
                    fixed(Priority.HIGH),
                    NotificationRules::referralDeclined),
            row(
                    REFERRAL_UNANSWERED,
                    NotificationKind.REFERRAL_UNANSWERED,
                    (e, f) -> advocateToldStage(e) ? f.referringAdvocate() : List.of(),
                    fixed(Priority.HIGH),
                    NotificationRules::referralUnanswered),
            row(
                    REFERRAL_EXPIRED,
                    NotificationKind.REFERRAL_EXPIRED,
                    (e, f) -> f.referringAdvocate(),
                    fixed(Priority.HIGH),
                    NotificationRules::referralExpired),
            row(
                    PROTECTIVE_ORDER_EXPIRING,
                    NotificationKind.PROTECTIVE_ORDER_EXPIRING,
                    (e, f) -> all(f.advocate(e.advocateId()), f.officer(e.officerId())),
                    fixed(Priority.HIGH),
                    NotificationRules::orderExpiring),
            row(
                    CASE_CLOSED,
                    NotificationKind.CASE_CLOSED,
                    (e, f) -> all(f.caseAdvocate(), f.submittingOfficer()),
                    fixed(Priority.NORMAL),
                    NotificationRules::caseClosed),
            row(
                    NOTIFICATION_ESCALATED,
                    ESCALATION,
                    (e, f) -> supervisorNamed(e, f),
                    fixed(Priority.URGENT),
                    NotificationRules::escalation),
            nobody(INTAKE_SUBMITTED, "the case opened from it is what people hear about"),
            nobody(INTAKE_PERSONAL_DATA_ERASED, "erasure changes nobody's work; sealed data becomes unreadable"),
            nobody(CASE_OPENED, "kept as the case's facts; the assignment that follows tells advocate and officer"),
            nobody(TASK_COMPLETED, "settles the notifications about the task: no more re-sends or escalation"),
            nobody(TASK_CANCELLED, "settles the notifications about the task: no more re-sends or escalation"),
            nobody(CONSENT_GRANTED, "the advocate recorded it; referral-service acts on it"),
            nobody(CONSENT_REVOKED, "the advocate recorded it; referral-service acts on it"),
            nobody(PROTECTIVE_ORDER_CHANGED, "the advocate recorded it; the order's expiry is announced when near"),
            nobody(BED_AVAILABILITY_CHANGED, "the console's bed board shows it"),
            nobody(REFERRAL_REVOKED, "the advocate revoked it; settles the shelter's REFERRAL_RECEIVED"),
            nobody(REFERRAL_COMPLETED, "the shelter completed it; settles the shelter's REFERRAL_RECEIVED"),
            nobody(NOTIFICATION_ACKNOWLEDGED, "settles the acknowledged notification; the case timeline shows it"),
            nobody(NOTIFICATION_SENT, "its recipient's live streams show it, on whichever instance serves them"));

    private NotificationRules() {}

    /** Every notification an event causes, in table order, in English. */
    public static List<Draft> route(VillageEvent event, Facts facts) {
        return route(event, facts, user -> Language.EN);
    }

    /** Every notification an event causes, in table order, each in its recipient's language. */
    public static List<Draft> route(VillageEvent event, Facts facts, Function<String, Language> languageOf) {
        return TABLE.stream()
                .flatMap(rule -> rule.drafts(event, facts, languageOf).stream())
                .toList();
    }

    /** The rows for an event type (a type without rows is a gap the tests catch). */
    public static List<Rule<?>> rowsFor(EventType<?> type) {
        return TABLE.stream().filter(rule -> rule.on().equals(type)).toList();
    }

    private static <E extends VillageEvent> Rule<E> row(
            EventType<E> on, NotificationKind kind, Recipients<E> to, Urgency<E> priority, Words<E> words) {
        return new Rule<>(on, kind, to, priority, words, null);
    }

    private static <E extends VillageEvent> Rule<E> nobody(EventType<E> on, String because) {
        return new Rule<>(on, null, (e, f) -> List.of(), (e, f) -> Priority.NORMAL, null, because);
    }

    private static <E> Urgency<E> fixed(Priority priority) {
        return (e, f) -> priority;
    }

    private static Priority dueWithinTheHour(TaskScheduled task, Facts facts) {
        return task.dueAt().isAfter(facts.eventTime().plus(URGENT_TASK_WINDOW)) ? Priority.NORMAL : Priority.URGENT;
    }

    private static boolean advocateToldStage(ReferralUnanswered unanswered) {
        return "ADVOCATE_TOLD".equals(unanswered.stage());
    }

    private static List<Recipient> supervisorNamed(NotificationEscalated escalated, Facts facts) {
        return escalated.supervisorId() == null
                ? List.of()
                : List.of(new Recipient(escalated.supervisorId(), Audience.SUPERVISOR, facts.agencyId()));
    }

    // The words. Each is written for whom it goes to, in their language; officers read nothing about shelters or
    // what was said. Times are UTC: the console shows each notification's time in the reader's zone.

    private static Text caseAssigned(AdvocateAssigned e, Facts f, Recipient to, Language lang) {
        String danger = f.caseRef() == null
                ? ""
                : (lang == Language.ES ? " (peligro " : " (danger ")
                        + danger(f.caseRef().dangerLevel(), lang) + ")";
        if (e.previousAdvocateId() != null) {
            return lang == Language.ES
                    ? new Text(
                            "Caso reasignado a usted",
                            "El caso " + e.caseId() + danger + " pasó a usted de " + e.previousAdvocateId()
                                    + ", con sus tareas abiertas. Vea sus tareas.")
                    : new Text(
                            "Case reassigned to you",
                            "Case " + e.caseId() + danger + " moved to you from " + e.previousAdvocateId()
                                    + ", with its open tasks. See your tasks.");
        }
        if (lang == Language.ES) {
            return new Text(
                    f.highDanger() ? "Nuevo caso de peligro ALTO asignado a usted" : "Nuevo caso asignado a usted",
                    "El caso " + e.caseId() + danger + " es suyo. Su primer contacto está en sus tareas.");
        }
        return new Text(
                f.highDanger() ? "New HIGH danger case assigned to you" : "New case assigned to you",
                "Case " + e.caseId() + danger + " is now yours. Your first contact is in your tasks.");
    }

    private static Text caseOpened(AdvocateAssigned e, Facts f, Recipient to, Language lang) {
        CaseRef known = f.caseRef();
        String intake = known == null ? "" : " " + known.intakeId();
        return lang == Language.ES
                ? new Text(
                        "Caso abierto para su registro",
                        "La defensora " + e.advocateId() + " trabaja el caso abierto a partir de su registro" + intake
                                + ".")
                : new Text(
                        "Case opened for your intake",
                        "Advocate " + e.advocateId() + " is working the case opened from your intake" + intake + ".");
    }

    private static Text taskScheduled(TaskScheduled e, Facts f, Recipient to, Language lang) {
        String due = when(e.dueAt());
        return lang == Language.ES
                ? new Text(
                        "Tarea para el " + due,
                        "Tarea asignada a usted (" + e.kind() + "), vence el " + due + ". Vea sus tareas.")
                : new Text(
                        label(e.kind()) + " due " + due,
                        "Task assigned to you: " + label(e.kind()).toLowerCase(Locale.ROOT) + ", due " + due
                                + ". See your tasks.");
    }

    private static Text taskOverdue(TaskOverdue e, Facts f, Recipient to, Language lang) {
        if (to.userId().equals(e.assigneeId())) {
            return lang == Language.ES
                    ? new Text(
                            "Su tarea está vencida",
                            "La tarea " + e.taskId() + " del caso " + e.caseId()
                                    + " pasó su hora. Hágala ahora o avise a su supervisora.")
                    : new Text(
                            "Your task is overdue",
                            "Task " + e.taskId() + " on case " + e.caseId()
                                    + " passed its due time. Do it now or tell your supervisor.");
        }
        String at = when(e.at());
        return lang == Language.ES
                ? new Text(
                        "Tarea vencida en el caso " + e.caseId(),
                        "La tarea " + e.taskId() + " de " + e.assigneeId() + " pasó su hora el " + at + ".")
                : new Text(
                        "Overdue task on case " + e.caseId(),
                        "Task " + e.taskId() + " of " + e.assigneeId() + " passed its due time at " + at + ".");
    }

    private static Text referralReceived(ReferralRequested e, Facts f, Recipient to, Language lang) {
        String by = when(e.respondBy());
        return lang == Language.ES
                ? new Text(
                        f.highDanger() ? "Derivación urgente: peligro ALTO" : "Nueva derivación",
                        "Derivación " + e.referralId() + ": " + e.bedsHeld()
                                + " cama(s) reservadas para ustedes hasta el " + by
                                + ". Acéptela o recházela en sus derivaciones.")
                : new Text(
                        f.highDanger() ? "Urgent referral: HIGH danger" : "New referral",
                        "Referral " + e.referralId() + ": " + e.bedsHeld() + " bed(s) held for you until " + by
                                + ". Accept or decline it in your referrals.");
    }

    private static Text referralAccepted(ReferralAccepted e, Facts f, Recipient to, Language lang) {
        return lang == Language.ES
                ? new Text(
                        e.shelterId() + " aceptó su derivación",
                        "La derivación " + e.referralId() + " del caso " + e.caseId()
                                + " fue aceptada; las camas siguen reservadas.")
                : new Text(
                        e.shelterId() + " accepted your referral",
                        "Referral " + e.referralId() + " for case " + e.caseId()
                                + " was accepted; the beds stay held.");
    }

    private static Text referralDeclined(ReferralDeclined e, Facts f, Recipient to, Language lang) {
        return lang == Language.ES
                ? new Text(
                        e.shelterId() + " rechazó su derivación",
                        "La derivación " + e.referralId() + " del caso " + e.caseId() + " fue rechazada ("
                                + e.reasonCode() + "); sus camas quedan libres.")
                : new Text(
                        e.shelterId() + " declined your referral",
                        "Referral " + e.referralId() + " for case " + e.caseId() + " was declined (" + e.reasonCode()
                                + "); its beds are released.");
    }

    private static Text referralUnanswered(ReferralUnanswered e, Facts f, Recipient to, Language lang) {
        Instant respondBy = e.respondBy();
        return lang == Language.ES
                ? new Text(
                        "Todavía sin respuesta de " + e.shelterId(),
                        "La derivación " + e.referralId() + " del caso " + e.caseId() + " sigue sin respuesta"
                                + (respondBy == null ? "." : "; vence el " + when(respondBy) + "."))
                : new Text(
                        "No answer yet from " + e.shelterId(),
                        "Referral " + e.referralId() + " for case " + e.caseId() + " is still unanswered"
                                + (respondBy == null ? "." : "; it expires at " + when(respondBy) + "."));
    }

    private static Text referralExpired(ReferralExpired e, Facts f, Recipient to, Language lang) {
        return lang == Language.ES
                ? new Text(
                        "Derivación vencida",
                        e.shelterId() + " no respondió a tiempo a la derivación " + e.referralId() + " del caso "
                                + e.caseId() + "; sus camas quedan libres.")
                : new Text(
                        "Referral expired",
                        e.shelterId() + " did not answer referral " + e.referralId() + " for case " + e.caseId()
                                + " in time; its beds are released.");
    }

    private static Text orderExpiring(ProtectiveOrderExpiring e, Facts f, Recipient to, Language lang) {
        String expires = when(e.expiresAt());
        return lang == Language.ES
                ? new Text(
                        "La orden de protección vence el " + expires,
                        "La orden de protección " + e.orderId() + " del caso " + e.caseId() + " vence el " + expires
                                + ".")
                : new Text(
                        "Protective order expires " + expires,
                        "Protective order " + e.orderId() + " on case " + e.caseId() + " expires " + expires + ".");
    }

    private static Text caseClosed(CaseClosed e, Facts f, Recipient to, Language lang) {
        String intake = f.caseRef() == null ? "" : f.caseRef().intakeId() + " ";
        if (to.audience() == Audience.OFFICER) {
            return lang == Language.ES
                    ? new Text("Caso cerrado", "El caso abierto a partir de su registro " + intake + "se cerró.")
                    : new Text("Case closed", "The case opened from your intake " + intake + "was closed.");
        }
        return lang == Language.ES
                ? new Text("Caso cerrado", "El caso " + e.caseId() + " se cerró (" + e.reasonCode() + ").")
                : new Text("Case closed", "Case " + e.caseId() + " was closed (" + e.reasonCode() + ").");
    }

    private static Text escalation(NotificationEscalated e, Facts f, Recipient to, Language lang) {
        String about =
                e.caseId() == null ? "" : (lang == Language.ES ? " sobre el caso " : " about case ") + e.caseId();
        if (lang == Language.ES) {
            String kind = e.kind() == null ? "Un aviso" : e.kind();
            return new Text(
                    "Sin confirmar: " + kind + " a " + e.recipientId(),
                    kind + " enviado a " + e.recipientId() + " " + e.sendCount() + " vez/veces" + about
                            + " no ha sido confirmado.");
        }
        String kind = e.kind() == null ? "A notification" : e.kind();
        return new Text(
                "Unacknowledged: " + kind + " to " + e.recipientId(),
                kind + " sent to " + e.recipientId() + " " + e.sendCount() + " time(s)" + about
                        + " has not been acknowledged.");
    }

    /**
     * 2026-11-30 12:41 UTC: a time in the words; the console shows each notification's own time in the reader's
     * zone.
     */
    static String when(Instant at) {
        return WHEN.format(at) + " UTC";
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static String danger(@Nullable Object level, Language lang) {
        if (lang == Language.ES) {
            return "HIGH".equals(String.valueOf(level)) ? "ALTO" : "NORMAL";
        }
        return String.valueOf(level);
    }

    /** ADVOCATE_FIRST_CONTACT → "Advocate first contact". */
    static String label(String kind) {
        String words = kind.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
