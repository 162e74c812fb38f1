package org.village.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.WebUtils;

/**
 * Times as the user reads them: in their time zone (as their browser reported it, UTC until it has) and their
 * language. Templates call it as {@code ${times.at(t['dueAt'])}}.
 */
public final class Times {

    private final ZoneId zone;
    private final Locale locale;
    private final Instant now;

    Times(ZoneId zone, Locale locale, Instant now) {
        this.zone = zone;
        this.locale = locale;
        this.now = now;
    }

    static Times of(HttpServletRequest request, Locale locale) {
        return new Times(zone(request), locale, Instant.now());
    }

    /** The user's time zone, from the cookie the console's script sets; UTC until it has. */
    static ZoneId zone(HttpServletRequest request) {
        var cookie = WebUtils.getCookie(request, "village-tz");
        if (cookie != null) {
            try {
                return ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
            } catch (DateTimeException unknown) {
                return ZoneOffset.UTC;
            }
        }
        return ZoneOffset.UTC;
    }

    public ZoneId zone() {
        return zone;
    }

    /** An instant the API gave (ISO-8601 text), as a date and time; empty for none. */
    public String at(Object instant) {
        Instant at = parse(instant);
        return at == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(zone)
                        .format(at);
    }

    /** A calendar date the API gave ({@code 2026-12-01}). */
    public String day(Object date) {
        if (date == null || date.toString().isBlank()) {
            return "";
        }
        try {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                    .withLocale(locale)
                    .format(LocalDate.parse(date.toString()));
        } catch (DateTimeParseException unreadable) {
            return date.toString();
        }
    }

    /** Whole minutes from now until the instant; negative once it has passed. */
    public long minutesLeft(Object instant) {
        Instant at = parse(instant);
        return at == null ? 0 : Duration.between(now, at).toMinutes();
    }

    /** Whether the instant falls on the user's today. */
    public boolean today(@Nullable Object instant) {
        Instant at = parse(instant);
        return at != null && at.atZone(zone).toLocalDate().equals(LocalDate.now(zone));
    }

    /** The value for a {@code datetime-local} input, in the user's zone. */
    public String local(@Nullable Object instant) {
        Instant at = parse(instant);
        return at == null
                ? ""
                : LocalDateTime.ofInstant(at, zone).withSecond(0).withNano(0).toString();
    }

    /** The {@code datetime-local} value of this time of day so many days from now. */
    public String daysAhead(int days) {
        return local(now.plus(Duration.ofDays(days)).toString());
    }

    /** A {@code datetime-local} value read in the user's zone; null when blank, the text itself when unreadable. */
    @Nullable
    Object instant(@Nullable String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException unreadable) {
            return local.strip();
        }
    }

    private static @Nullable Instant parse(@Nullable Object instant) {
        if (instant == null || instant.toString().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(instant.toString());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
