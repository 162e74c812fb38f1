package org.village.testing;

/** Where the Kafka broker and the MongoDB endpoint of a test run can be reached, and what they are. */
public record Infrastructure(String kafkaBootstrapServers, String mongoUri, String description) {}
