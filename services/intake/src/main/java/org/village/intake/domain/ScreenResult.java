package org.village.intake.domain;

import org.village.events.DangerLevel;

/** The outcome of a lethality screen. {@code screenedIn} is true exactly when the level is HIGH. */
public record ScreenResult(DangerLevel dangerLevel, ScreenReason screenReason, boolean screenCompleted) {

    public boolean screenedIn() {
        return dangerLevel == DangerLevel.HIGH;
    }
}
