package org.village.notification.domain;

import org.jspecify.annotations.Nullable;

/** Someone to notify, as what, and the organisation they belong to (whose webhooks hear of it). */
public record Recipient(
        String userId, Audience audience, @Nullable String org) {}
