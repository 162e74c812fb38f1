package org.village.referral;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shelters this deployment refers to (each is created on first start; later starts leave its bed counts,
 * which the shelter's staff keep current, as they are), and how long a closed referral keeps its shared details
 * (D6: 30 days after closure, then they are erased).
 */
@ConfigurationProperties("village.referral")
public record ReferralProperties(
        @DefaultValue List<ShelterSeed> shelters,
        @DefaultValue("P30D") Duration detailsRetention) {

    /** A shelter as configured. */
    public record ShelterSeed(
            String id,
            String name,
            int totalBeds,
            boolean acceptsChildren,
            @DefaultValue List<String> languages,
            String address) {}
}
