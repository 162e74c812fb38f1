package org.village.events;

/** Events published by intake-service on {@link Topics#INTAKE_EVENTS}. */
public sealed interface IntakeEvent extends VillageEvent permits IntakeSubmitted, IntakePersonalDataErased {}
