package org.village.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.village.testing.ApiClient;
import org.village.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/** The shelter registry, against a real MongoDB endpoint. */
class ShelterRegistryIT extends RunningService {

    @Test
    void advocatesSeeBedsButNeverAnAddress() {
        ApiClient.Response response =
                api.get("/api/shelters", TestTokens.token("advocate.avery", "bridges", "ADVOCATE"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items.findValuesAsString("shelterId")).containsExactly("harbor-house", "safe-haven");
        JsonNode harbor = items.get(0);
        assertThat(harbor.get("totalBeds").asInt()).isEqualTo(12);
        assertThat(harbor.get("availableBeds").asInt())
                .isEqualTo(harbor.get("totalBeds").asInt()
                        - harbor.get("occupiedBeds").asInt()
                        - harbor.get("heldBeds").asInt());
        assertThat(harbor.get("acceptsChildren").asBoolean()).isTrue();
        assertThat(items.get(1).get("acceptsChildren").asBoolean()).isFalse();
        assertThat(response.text())
                .doesNotContain("address")
                .doesNotContain("Harbor Lane")
                .doesNotContain("Quiet Road");
    }

    @Test
    void aShelterStaffMemberSeesOnlyTheirOwnShelterWithItsHolds() {
        ApiClient.Response response =
                api.get("/api/shelters", TestTokens.token("shelter.harbor", "harbor-house", "SHELTER_STAFF"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("items")).hasSize(1);
        assertThat(response.json().get("items").get(0).get("shelterId").asString())
                .isEqualTo("harbor-house");
        assertThat(response.json().get("items").get(0).has("heldBeds")).isTrue();
        assertThat(response.json().get("items").get(0).has("address")).isFalse();
    }

    @Test
    void officersAndAdminsCannotBrowseTheRegistry() {
        for (String token : List.of(
                TestTokens.token("officer.reyes", "riverside-pd", "OFFICER"),
                TestTokens.token("admin", "village", "ADMIN"))) {
            ApiClient.Response response = api.get("/api/shelters", token);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("type").asString()).isEqualTo("forbidden");
        }
        assertThat(api.get("/api/shelters", null).status()).isEqualTo(401);
        assertThat(api.get("/api/shelters", TestTokens.token("supervisor.sam", "bridges", "SUPERVISOR"))
                        .status())
                .isEqualTo(200);
    }
}
