package org.village.messaging;

import java.time.Instant;
import org.village.events.EventType;
import org.village.events.VillageEvent;

/**
 * One consumed event: its CloudEvents id, which is the idempotency key for everything it causes, and its data.
 */
public record InboundEvent<T extends VillageEvent>(String id, EventType<T> type, Instant time, T data) {}
