package org.village.referral;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shelters this deployment refers to. Each is created on first start; later starts leave its bed counts,
 * which the shelter's staff keep current, as they are.
 */
@ConfigurationProperties("village.referral")
public record ReferralProperties(@DefaultValue List<ShelterSeed> shelters) {

    /** A shelter as configured. */
    public record ShelterSeed(String id, String name, int totalBeds, boolean acceptsChildren,
                              @DefaultValue List<String> languages, String address) {
    }
}
