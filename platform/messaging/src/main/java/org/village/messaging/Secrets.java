package org.village.messaging;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/** Secrets as they were given. */
final class Secrets {

    private Secrets() {}

    /**
     * The value as given, without placeholder resolution: a password is taken literally (a dollar sign and brace
     * in it are not looked up).
     */
    static @Nullable Object literal(Environment environment, String name) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return environment.getProperty(name);
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            Object value = source.getProperty(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
