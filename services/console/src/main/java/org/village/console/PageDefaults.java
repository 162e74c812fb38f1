package org.village.console;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page needs: how long an idle session lasts, for the warning a minute before it ends. */
@ControllerAdvice
class PageDefaults {

    private final ConsoleProperties properties;

    PageDefaults(ConsoleProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("idleSeconds")
    long idleSeconds() {
        return properties.idleTimeout().toSeconds();
    }
}
