package org.village.events;

import java.util.List;

/**
 * The codes more than one app speaks, defined once (docs/DOMAIN.md), in the order screens list them. Events carry
 * them, services check them, the console names them.
 */
public final class Vocabulary {

    /** D3: the survivor's details a consent may let a recipient see. */
    public static final List<String> SHARED_DETAILS = List.of(
            "FIRST_NAME",
            "LAST_NAME",
            "PHONE",
            "HOUSEHOLD",
            "CHILDREN_AGES",
            "NEEDS",
            "LANGUAGE",
            "ACCESSIBILITY",
            "DANGER_LEVEL");

    /** D4: why a shelter declines a referral. */
    public static final List<String> DECLINE_REASONS =
            List.of("NO_CAPACITY", "NOT_ELIGIBLE", "SAFETY_CONCERN", "OTHER");

    /** D2: why a case closes. */
    public static final List<String> CLOSURE_REASONS = List.of(
            "SAFE_AND_STABLE", "SURVIVOR_DECLINED_SERVICES", "UNABLE_TO_CONTACT", "TRANSFERRED", "DUPLICATE", "OTHER");

    /** D2: the advocate's first contact with the survivor, scheduled at a case's opening. */
    public static final String ADVOCATE_FIRST_CONTACT = "ADVOCATE_FIRST_CONTACT";

    /** D2: the officer's welfare check after the incident, scheduled at a case's opening. */
    public static final String OFFICER_WELFARE_CHECK = "OFFICER_WELFARE_CHECK";

    /** D2: screened in without hotline contact at the scene: the advocate must reach the survivor within the hour. */
    public static final String CONTACT_SURVIVOR = "CONTACT_SURVIVOR";

    /** D2: the kinds of task an advocate or supervisor adds to a case, in the order screens offer them. */
    public static final List<String> TASK_KINDS =
            List.of(CONTACT_SURVIVOR, ADVOCATE_FIRST_CONTACT, "SAFETY_PLANNING", "COURT_ACCOMPANIMENT", "FOLLOW_UP");

    /** D2: where a protective order stands, in the order of its life. */
    public static final List<String> ORDER_STATUSES =
            List.of("REQUESTED", "TEMPORARY", "SERVED", "FINAL", "EXPIRED", "DISMISSED");

    private Vocabulary() {}
}
