package org.village.casework.domain;

import org.village.events.Vocabulary;

/** The kinds of task Village schedules by itself (their names are in platform/events' {@link Vocabulary}). */
public final class TaskKinds {

    /** The advocate's first contact with the survivor. */
    public static final String ADVOCATE_FIRST_CONTACT = Vocabulary.ADVOCATE_FIRST_CONTACT;
    /** The officer's welfare check after the incident. */
    public static final String OFFICER_WELFARE_CHECK = Vocabulary.OFFICER_WELFARE_CHECK;
    /** Screened in without hotline contact at the scene: the advocate must reach the survivor within the hour. */
    public static final String CONTACT_SURVIVOR = Vocabulary.CONTACT_SURVIVOR;

    private TaskKinds() {}
}
