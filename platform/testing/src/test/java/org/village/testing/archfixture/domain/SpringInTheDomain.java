package org.village.testing.archfixture.domain;

/** A domain class that breaks the rule: it uses Spring. */
public class SpringInTheDomain {

    public String name() {
        return org.springframework.util.StringUtils.capitalize("rule");
    }
}
