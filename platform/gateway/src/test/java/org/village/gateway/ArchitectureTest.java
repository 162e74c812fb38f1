package org.village.gateway;

import org.junit.jupiter.api.Test;
import org.village.testing.VillageArchitecture;

/** This platform module depends on no service (platform/testing's VillageArchitecture). */
class ArchitectureTest {

    @Test
    void knowsNoService() {
        VillageArchitecture.checkPlatform("org.village.gateway");
    }
}
