package org.village.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Village's architecture rules, written once and run by every app's {@code ArchitectureTest}: domain packages are
 * plain Java; only store packages touch the MongoDB driver; no service depends on another; platform modules never
 * depend on a service (docs/STYLE.md, docs/ARCHITECTURE.md).
 */
public final class VillageArchitecture {

    /** The base package of each app of {@code services/}. */
    public static final List<String> SERVICES = List.of(
            "org.village.intake",
            "org.village.casework",
            "org.village.referral",
            "org.village.notification",
            "org.village.reporting",
            "org.village.console");

    private VillageArchitecture() {}

    /** Domain rules are unit-tested without infrastructure: no Spring, MongoDB, Kafka, Jackson or platform/security. */
    public static ArchRule domainIsPlainJava() {
        return noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.mongodb..",
                        "org.bson..",
                        "org.apache.kafka..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..",
                        "org.village.security..")
                .because("the rules live in domain packages and are tested there without infrastructure")
                .allowEmptyShould(true);
    }

    /** Filters, updates and documents are built where the data lives. */
    public static ArchRule onlyStoresTouchTheMongoDbDriver() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("..store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.mongodb..", "org.bson..")
                .because("no controller, listener or sweep builds a query: stores own their collections")
                .allowEmptyShould(true);
    }

    /** Services share only platform modules; what one needs of another arrives as events. */
    /** A store speaks domain types: no public method of a public store class takes or returns a Bson or driver type. */
    public static ArchRule storesSpeakDomainTypes() {
        return methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage("..store..")
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .arePublic()
                .should(new ArchCondition<JavaMethod>("take and return no MongoDB driver or Bson type") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                        types.add(method.getRawReturnType());
                        types.stream()
                                .filter(type -> type.getPackageName().startsWith("org.bson")
                                        || type.getPackageName().startsWith("com.mongodb"))
                                .forEach(type -> events.add(SimpleConditionEvent.violated(
                                        method, method.getFullName() + " exposes " + type.getName())));
                    }
                })
                .because("callers of a store never build a query: the store's methods say what they find")
                .allowEmptyShould(true);
    }

    public static ArchRule noOtherService(String service) {
        return noOtherService(service, SERVICES);
    }

    /** No class depends on any of {@code services} but {@code service}. */
    public static ArchRule noOtherService(String service, List<String> services) {
        String[] others = services.stream()
                .filter(other -> !other.equals(service))
                .map(other -> other + "..")
                .toArray(String[]::new);
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("no service depends on another")
                .allowEmptyShould(true);
    }

    /** Platform modules serve every service and know none. */
    public static ArchRule platformKnowsNoService() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        SERVICES.stream().map(service -> service + "..").toArray(String[]::new))
                .because("platform modules never depend on services")
                .allowEmptyShould(true);
    }

    /** Every rule for the service whose classes live under {@code basePackage}. */
    public static void checkService(String basePackage) {
        JavaClasses classes = production(basePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("No production classes under " + basePackage);
        }
        domainIsPlainJava().check(classes);
        onlyStoresTouchTheMongoDbDriver().check(classes);
        storesSpeakDomainTypes().check(classes);
        noOtherService(basePackage).check(classes);
    }

    /** The platform rule for the platform module whose classes live under {@code basePackage}. */
    public static void checkPlatform(String basePackage) {
        JavaClasses classes = production(basePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("No production classes under " + basePackage);
        }
        platformKnowsNoService().check(classes);
    }

    /** The module's own classes (from a directory or, for a platform module used by another, its jar). */
    private static JavaClasses production(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }
}
