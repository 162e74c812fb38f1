package org.village.notification.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A department's or agency's own system, told of every notification to one of its members; signed with the secret. */
public record Webhook(
        String webhookId, String org, String url, @Nullable String secret, Instant createdAt, String createdBy) {}
