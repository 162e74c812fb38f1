package org.village.casework.api;

import org.village.casework.domain.CaseFile;
import org.village.security.Caller;
import org.village.security.Role;

/** Who may read a case: the assigned advocate and the supervisors of its agency. */
public final class CaseAccess {

    private CaseAccess() {}

    public static boolean mayRead(CaseFile file, Caller caller) {
        return mayWork(file, caller);
    }

    public static boolean isAssignedAdvocate(CaseFile file, Caller caller) {
        return caller.has(Role.ADVOCATE) && caller.userId().equals(file.advocate());
    }

    public static boolean maySupervise(CaseFile file, Caller caller) {
        return caller.has(Role.SUPERVISOR) && caller.org().equals(file.agencyId());
    }

    /** Working a case: its advocate and the agency's supervisors. */
    public static boolean mayWork(CaseFile file, Caller caller) {
        return isAssignedAdvocate(file, caller) || maySupervise(file, caller);
    }

    /** Case lists are for advocates (their own) and supervisors (their agency's). */
    public static boolean mayList(Caller caller) {
        return caller.hasAny(Role.ADVOCATE, Role.SUPERVISOR);
    }
}
