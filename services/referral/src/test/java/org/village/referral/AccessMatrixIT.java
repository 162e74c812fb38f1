package org.village.referral;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.village.testing.AccessMatrix;
import org.village.testing.WithVillageInfrastructure;

import static org.village.testing.AccessMatrix.expect;

/** Every referral-service endpoint as every demo user. */
@WithVillageInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessMatrixIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        AccessMatrix.at("http://localhost:" + port)
                .row("GET /api/shelters", user -> "/api/shelters", null,
                        expect(403, "advocate.avery", 200, "advocate.blake", 200, "supervisor.sam", 200))
                .row("PUT /api/shelters/{shelterId}/beds", user -> "/api/shelters/harbor-house/beds",
                        java.util.Map.of("total", 12, "occupied", 0), expect(403, "shelter.harbor", 200))
                .row("GET /api/admin/audit", user -> "/api/admin/audit?resource=harbor-house", null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row("GET /api/admin/audit/verify", user -> "/api/admin/audit/verify", null, expect(403, "admin", 200))
                .verify(AccessMatrix.endpointsOf(context));
    }
}
