package org.village.reporting;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reports are made.
 *
 * @param timeZone the organisation's time zone: a report's days start at midnight there
 * @param suppressionThreshold counts from 1 to one less than this are shown as "&lt;5"
 */
@ConfigurationProperties("village.reporting")
public record ReportingProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("5") int suppressionThreshold) {}
