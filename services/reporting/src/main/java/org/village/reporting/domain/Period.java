package org.village.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a report covers, {@code from} to {@code to} inclusive, as the organisation's calendar has them: a day
 * starts at midnight in {@code zone}, so an intake at 23:30 on the last day is in and one at 00:10 the day after
 * is not.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    /** How many days the period has. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The calendar month of an instant in the organisation's zone. */
    public YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }

    /** The months the period touches, in order. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    /** The part of a month inside the period, in days. */
    public long daysIn(YearMonth month) {
        LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
        LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
        return last.isBefore(first) ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
    }
}
