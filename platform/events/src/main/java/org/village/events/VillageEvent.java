package org.village.events;

/**
 * The data of one event. Every implementation is an immutable record that carries ids and codes only,
 * never personal data, and names the aggregate whose order it must keep.
 */
public interface VillageEvent {

    /** The Kafka record key: the case id, or the intake id before a case exists. */
    String partitionKey();

    /** The CloudEvents subject: the id of the thing this event is about. */
    String subject();
}
