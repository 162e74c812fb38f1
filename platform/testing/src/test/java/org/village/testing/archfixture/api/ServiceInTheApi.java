package org.village.testing.archfixture.api;

/** A class that breaks the rule: it reaches into another service. */
public class ServiceInTheApi {

    public Class<?> other() {
        return org.village.testing.archfixture.otherservice.Elsewhere.class;
    }
}
