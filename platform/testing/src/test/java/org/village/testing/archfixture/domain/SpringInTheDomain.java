package org.village.testing.archfixture.domain;

import org.springframework.util.StringUtils;

/** A domain class that breaks the rule: it uses Spring. */
public class SpringInTheDomain {

    public String name() {
        return StringUtils.capitalize("rule");
    }
}
