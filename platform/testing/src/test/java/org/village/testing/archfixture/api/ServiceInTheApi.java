package org.village.testing.archfixture.api;

import org.village.testing.archfixture.otherservice.Elsewhere;

/** A class that breaks the rule: it reaches into another service. */
public class ServiceInTheApi {

    public Class<?> other() {
        return Elsewhere.class;
    }
}
