package org.village.reporting;

import static org.village.testing.AccessMatrix.expect;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.village.testing.AccessMatrix;

/** Every reporting-service endpoint as every demo user: reports are for supervisors and admins alone. */
class AccessMatrixIT extends RunningService {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        AccessMatrix.at("http://localhost:" + port)
                .row(
                        "GET /api/reports/lap",
                        user -> "/api/reports/lap?from=2026-10-01&to=2026-10-31",
                        null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row(
                        "GET /api/reports/outcomes",
                        user -> "/api/reports/outcomes?from=2026-10-01&to=2026-10-31",
                        null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row(
                        "GET /api/reports/shelters",
                        user -> "/api/reports/shelters?from=2026-10-01&to=2026-10-31&format=csv",
                        null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row(
                        "GET /api/reports/funders",
                        user -> "/api/reports/funders?from=2026-10-01&to=2026-10-31",
                        null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row(
                        "GET /api/reports/hud",
                        user -> "/api/reports/hud?from=2026-10-01&to=2026-10-31&format=zip",
                        null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row(
                        "POST /api/admin/reports/rebuild",
                        user -> "/api/admin/reports/rebuild",
                        null,
                        expect(403, "admin", 202))
                .adminRows("lap-statistics:2026-10-01:2026-10-31")
                .verifyAgainst(context);
    }
}
