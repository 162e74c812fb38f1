package org.village.intake.domain;

import java.time.LocalDate;

/** The survivor's personal data, as the officer recorded it. All of it is PII and stays in intake-service. */
public record Survivor(
        String firstName,
        String lastName,
        LocalDate dateOfBirth,
        String phone,
        Boolean safeToCall,
        String address,
        String preferredLanguage,
        int children) {}
