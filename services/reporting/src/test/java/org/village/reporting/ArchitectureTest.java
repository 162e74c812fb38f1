package org.village.reporting;

import org.junit.jupiter.api.Test;
import org.village.testing.VillageArchitecture;

/** This service keeps Village's architecture rules (platform/testing's VillageArchitecture). */
class ArchitectureTest {

    @Test
    void keepsTheArchitectureRules() {
        VillageArchitecture.checkService("org.village.reporting");
    }
}
