package org.village.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform modules below platform/testing depend on no service; and the rules catch what they name. */
class PlatformArchitectureTest {

    private static final String FIXTURES = "org.village.testing.archfixture";
    private final JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURES);

    @Test
    void eventsSecurityAndTestingKnowNoService() {
        VillageArchitecture.checkPlatform("org.village.events");
        VillageArchitecture.checkPlatform("org.village.security");
        VillageArchitecture.checkPlatform("org.village.testing");
    }

    @Test
    void aDomainClassUsingSpringBreaksTheDomainRule() {
        assertThat(VillageArchitecture.domainIsPlainJava()
                        .evaluate(fixtures)
                        .getFailureReport()
                        .getDetails())
                .singleElement()
                .asString()
                .contains("SpringInTheDomain");
    }

    @Test
    void reachingIntoAnotherServiceBreaksTheServiceRule() {
        assertThat(VillageArchitecture.noOtherService(
                                FIXTURES + ".api", List.of(FIXTURES + ".api", FIXTURES + ".otherservice"))
                        .evaluate(fixtures)
                        .getFailureReport()
                        .getDetails())
                .singleElement()
                .asString()
                .contains("ServiceInTheApi");
    }

    @Test
    void aStoreMethodThatTakesAFilterBreaksTheStoreRule() {
        assertThat(VillageArchitecture.storesSpeakDomainTypes()
                        .evaluate(fixtures)
                        .getFailureReport()
                        .getDetails())
                .singleElement()
                .asString()
                .contains("BsonInTheOpen.find");
    }
}
