package org.village.messaging;

/** Declares, as a bean, a MongoDB collection whose documents carry an outbox the relay must drain. */
public record OutboxCollection(String name) {}
