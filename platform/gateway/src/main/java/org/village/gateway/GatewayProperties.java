package org.village.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits the gateway enforces before a request reaches a service.
 *
 * @param maxRequestSize the largest request body accepted (413 above it)
 * @param rateLimit how many requests one user may make per period (429 above it)
 * @param streamLifetime the longest a live stream is kept open through the gateway; the client then reconnects
 */
@ConfigurationProperties("village.gateway")
public record GatewayProperties(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("35m") Duration streamLifetime) {

    /**
     * How many requests one user may make.
     *
     * @param requestsPerPeriod requests one user may make in a period
     * @param period the length of a period
     */
    public record RateLimit(
            @DefaultValue("100") int requestsPerPeriod,
            @DefaultValue("10s") Duration period) {}
}
