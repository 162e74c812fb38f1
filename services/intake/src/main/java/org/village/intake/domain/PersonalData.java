package org.village.intake.domain;

/**
 * What identifies the survivor: the survivor block and the incident's location and narrative. Stored sealed
 * under the survivor's own key; gone for good once that key is destroyed.
 */
public record PersonalData(Survivor survivor, String incidentLocation, String incidentNarrative) {}
