package org.village.casework.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The bodies of the case-changing requests. */
final class CaseRequests {

    private static final String CODE = "[A-Z][A-Z_]{1,39}";

    private CaseRequests() {}

    record Assignment(@NotBlank String advocate) {}

    record NewTask(
            @NotBlank @Pattern(regexp = CODE, message = "{village.code}")
            String kind,

            @NotBlank String assignee,
            @NotNull Instant dueAt,
            @Size(max = 2000) String note) {}

    record Completion(@Size(max = 2000) String outcome) {}

    record NewConsent(
            @NotBlank String recipientType,
            @NotBlank String recipientId,
            List<String> scope,
            @NotBlank String form,
            Instant givenAt,
            @NotNull Instant expiresAt) {}

    record NewOrder(@NotBlank String status, LocalDate courtDate, Instant expiresAt) {}

    record OrderChange(String status, LocalDate courtDate, Instant expiresAt) {}

    record SafetyPlanEdit(
            @NotNull @PositiveOrZero Long version,
            @Size(max = 100) List<@NotNull @Size(max = 1000) String> steps,
            @Size(max = 50) List<@NotNull @Size(max = 300) String> safeContacts,
            @Size(max = 10_000) String notes) {}

    record ClosureRequest(
            @NotBlank String reason, @Size(max = 2000) String note) {}
}
