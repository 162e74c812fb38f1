package org.village.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.village.notification.domain.Language;
import org.village.notification.domain.Preferences;
import org.village.notification.store.PreferenceStore;
import org.village.security.Caller;
import org.village.web.ApiProblem;

/** The caller's own channels: the in-app inbox always, e-mail when they give an address and choose it. */
@RestController
public class PreferencesController {

    private final PreferenceStore preferences;
    private final Clock clock;

    public PreferencesController(PreferenceStore preferences, Clock clock) {
        this.preferences = preferences;
        this.clock = clock;
    }

    record PreferencesBody(
            @Email @Size(max = 254) String email,
            @NotNull @Size(max = 2) Set<Preferences.Channel> channels,

            @Pattern(regexp = "en|es", message = "{village.en-or-es}")
            String language) {}

    record PreferencesView(
            @Nullable String email,
            Set<Preferences.Channel> channels,
            @Nullable String language) {
        static PreferencesView of(Preferences p) {
            return new PreferencesView(
                    p.email(),
                    p.channels(),
                    p.language() == null ? null : p.language().tag());
        }
    }

    @GetMapping("/api/me/notification-preferences")
    public PreferencesView mine(Caller caller) {
        return PreferencesView.of(preferences.of(caller.userId()));
    }

    @PutMapping("/api/me/notification-preferences")
    public PreferencesView choose(Caller caller, @Valid @RequestBody PreferencesBody body) {
        if (body.channels().contains(Preferences.Channel.EMAIL)
                && (body.email() == null || body.email().isBlank())) {
            throw ApiProblem.invalid("email", "{email-required}");
        }
        Set<Preferences.Channel> channels = EnumSet.of(Preferences.Channel.IN_APP);
        channels.addAll(body.channels());
        Language language =
                body.language() == null ? preferences.of(caller.userId()).language() : Language.of(body.language());
        Preferences chosen = new Preferences(
                caller.userId(),
                body.email() == null || body.email().isBlank()
                        ? null
                        : body.email().trim(),
                channels,
                language);
        preferences.save(chosen, clock.instant());
        return PreferencesView.of(chosen);
    }
}
