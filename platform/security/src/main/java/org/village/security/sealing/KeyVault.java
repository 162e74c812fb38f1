package org.village.security.sealing;

import com.mongodb.client.MongoDatabase;

/**
 * The database that holds a service's wrapped data keys: a database of its own, apart from the data it protects
 * and, in the production form, behind credentials of its own ({@code village.security.sealing.key-store.*}), so
 * that a backup or dump of the data alone never holds a usable key, and an erased survivor's key, once deleted
 * here, is gone from every later backup of this database.
 */
public record KeyVault(MongoDatabase database) {}
