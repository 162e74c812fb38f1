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

    private Vocabulary() {}
}
