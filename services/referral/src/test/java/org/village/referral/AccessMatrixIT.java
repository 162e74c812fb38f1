package org.village.referral;

import static org.village.testing.AccessMatrix.expect;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.village.referral.store.CaseRefStore;
import org.village.referral.store.ReferralStore;
import org.village.testing.AccessMatrix;
import org.village.testing.ApiClient;
import org.village.testing.TestTokens;

/** Every referral-service endpoint as every demo user. */
class AccessMatrixIT extends RunningService {

    @Autowired
    ApplicationContext context;

    @Autowired
    ReferralStore store;

    @Autowired
    CaseRefStore cases;

    private static final Map<String, Object> ONE_ADULT = Map.of("adults", 1, "children", 0);

    private String referral(ApiClient api, String caseId) {
        return api.post(
                        "/api/referrals",
                        TestTokens.demo("advocate.avery"),
                        Map.of("caseId", caseId, "shelterId", "harbor-house", "household", ONE_ADULT))
                .json()
                .get("referralId")
                .asString();
    }

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(base);
        ReferralFixtures fixtures = new ReferralFixtures(kafka, cases);
        String readable = referral(api, fixtures.caseOf("advocate.avery"));
        String toAccept = referral(api, fixtures.caseOf("advocate.avery"));
        String toDecline = referral(api, fixtures.caseOf("advocate.avery"));
        String toComplete = referral(api, fixtures.caseOf("advocate.avery"));
        api.post("/api/referrals/" + toComplete + "/accept", TestTokens.demo("shelter.harbor"), null);
        String toRevoke = referral(api, fixtures.caseOf("advocate.avery"));
        String fresh = fixtures.caseOf("advocate.avery");

        AccessMatrix.at(base)
                .row(
                        "POST /api/referrals",
                        user -> "/api/referrals",
                        Map.of("caseId", fresh, "shelterId", "harbor-house", "household", ONE_ADULT),
                        expect(403, "advocate.avery", 201))
                .row(
                        "GET /api/referrals",
                        user -> "/api/referrals",
                        null,
                        expect(
                                403,
                                "advocate.avery",
                                200,
                                "advocate.blake",
                                200,
                                "supervisor.sam",
                                200,
                                "shelter.harbor",
                                200,
                                "shelter.haven",
                                200))
                .row(
                        "GET /api/referrals/{referralId}",
                        user -> "/api/referrals/" + readable,
                        null,
                        expect(404, "advocate.avery", 200, "supervisor.sam", 200, "shelter.harbor", 200))
                .row(
                        "POST /api/referrals/{referralId}/accept",
                        user -> "/api/referrals/" + toAccept + "/accept",
                        null,
                        expect(404, "advocate.avery", 403, "supervisor.sam", 403, "shelter.harbor", 200))
                .row(
                        "POST /api/referrals/{referralId}/decline",
                        user -> "/api/referrals/" + toDecline + "/decline",
                        Map.of("reason", "NO_CAPACITY"),
                        expect(404, "advocate.avery", 403, "supervisor.sam", 403, "shelter.harbor", 200))
                .row(
                        "POST /api/referrals/{referralId}/complete",
                        user -> "/api/referrals/" + toComplete + "/complete",
                        null,
                        expect(404, "advocate.avery", 403, "supervisor.sam", 403, "shelter.harbor", 200))
                .row(
                        "POST /api/referrals/{referralId}/revoke",
                        user -> "/api/referrals/" + toRevoke + "/revoke",
                        null,
                        expect(404, "advocate.avery", 200, "supervisor.sam", 403, "shelter.harbor", 403))
                .row(
                        "GET /api/shelters",
                        user -> "/api/shelters",
                        null,
                        expect(
                                403,
                                "advocate.avery",
                                200,
                                "advocate.blake",
                                200,
                                "supervisor.sam",
                                200,
                                "shelter.harbor",
                                200,
                                "shelter.haven",
                                200))
                .row(
                        "PUT /api/shelters/{shelterId}/beds",
                        user -> "/api/shelters/harbor-house/beds",
                        Map.of("total", 12, "occupied", 0),
                        expect(403, "shelter.harbor", 200))
                .adminRows("harbor-house")
                .verifyAgainst(context);
    }
}
