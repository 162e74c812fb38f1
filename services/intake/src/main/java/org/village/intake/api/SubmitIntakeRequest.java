package org.village.intake.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The body of POST /api/intakes. */
public record SubmitIntakeRequest(
        @NotNull @Valid SurvivorBody survivor,
        @NotNull @Valid IncidentBody incident,
        @NotNull @Valid ScreenBody lethalityScreen,
        @Size(max = 20) List<@NotNull @Pattern(regexp = CODE, message = "{village.code}") String> needs) {

    static final String CODE = "[A-Z][A-Z_]{1,39}";

    /** The survivor as the officer recorded them. */
    public record SurvivorBody(
            @NotBlank @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @PastOrPresent LocalDate dateOfBirth,

            @Size(max = 40) @Pattern(regexp = "[0-9+()\\- .]{3,40}", message = "{village.phone}")
            String phone,

            Boolean safeToCall,
            @Size(max = 300) String address,

            @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "{village.language-tag}")
            String preferredLanguage,

            @Min(0) @Max(20) Integer children) {}

    /** What happened, where and between whom. */
    public record IncidentBody(
            @PastOrPresent Instant occurredAt,
            @Size(max = 300) String location,

            @Pattern(regexp = CODE, message = "{village.code}")
            String relationship,

            @Size(max = 20_000) String narrative) {}

    /** The screen as administered. */
    public record ScreenBody(
            @NotBlank String version,
            Map<String, String> answers,
            Boolean officerBelievesHighDanger,
            Boolean hotlineContacted,
            Boolean victimSpokeWithHotline) {}
}
