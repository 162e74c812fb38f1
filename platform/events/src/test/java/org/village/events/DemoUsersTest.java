package org.village.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.village.events.DemoUsers.DemoUser;

/** The demo users of docs/DOMAIN.md, read from the one file that defines them. */
class DemoUsersTest {

    @Test
    void theDemoUsersAreTheEightOfTheDomainDocumentInItsOrder() {
        assertThat(DemoUsers.all())
                .containsExactly(
                        new DemoUser("officer.reyes", "OFFICER", "riverside-pd"),
                        new DemoUser("officer.chen", "OFFICER", "riverside-pd"),
                        new DemoUser("advocate.avery", "ADVOCATE", "bridges"),
                        new DemoUser("advocate.blake", "ADVOCATE", "bridges"),
                        new DemoUser("supervisor.sam", "SUPERVISOR", "bridges"),
                        new DemoUser("shelter.harbor", "SHELTER_STAFF", "harbor-house"),
                        new DemoUser("shelter.haven", "SHELTER_STAFF", "safe-haven"),
                        new DemoUser("admin", "ADMIN", "village"));
    }
}
