package org.village.intake.api;

import org.village.intake.domain.Intake;
import org.village.security.Caller;
import org.village.security.Role;

/** Who may see how much of an intake. */
public final class IntakeAccess {

    /** How much of an intake a caller sees. */
    public enum View {
        /** Everything, the survivor and the incident included. */
        FULL,
        /** The status of the intake the caller submitted: no survivor block, no narrative or location. */
        SUMMARY,
        /** Nothing: the intake does not exist for this caller. */
        NONE
    }

    private IntakeAccess() {}

    public static View view(Intake intake, Caller caller) {
        boolean assignedAdvocate = caller.has(Role.ADVOCATE) && caller.userId().equals(intake.assignedAdvocate());
        boolean agencySupervisor = caller.has(Role.SUPERVISOR)
                && intake.agencyId() != null
                && caller.org().equals(intake.agencyId());
        if (assignedAdvocate || agencySupervisor) {
            return View.FULL;
        }
        if (caller.userId().equals(intake.officerId())) {
            return View.SUMMARY;
        }
        return View.NONE;
    }

    /** D6: only a supervisor of the responsible agency erases a survivor's personal data. */
    public static boolean mayErase(Intake intake, Caller caller) {
        return caller.has(Role.SUPERVISOR)
                && intake.agencyId() != null
                && caller.org().equals(intake.agencyId());
    }

    /** Officers record intakes at the scene; advocates record walk-ins and hotline calls. */
    public static boolean maySubmit(Caller caller) {
        return caller.hasAny(Role.OFFICER, Role.ADVOCATE);
    }
}
