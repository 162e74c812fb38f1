package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server's two backends with the non-unique indexes it lacks ({@link SecondaryIndex}): an index the
 * services create is used, as on MongoDB, instead of every query reading the whole collection; an aggregation
 * that starts with {@code $match} reads through them too ({@link IndexedAggregation}), and a count of one field's
 * value is answered from its index alone ({@link IndexedCount}).
 */
final class IndexedBackends {

    private IndexedBackends() {}

    /** The memory backend (the tests). */
    static final class Memory extends MemoryBackend {

        @Override
        public MemoryDatabase openOrCreateDatabase(String name) {
            return new MemoryDatabase(name, getCursorRegistry()) {
                @Override
                protected Index<Integer> openOrCreateSecondaryIndex(
                        String collection, String index, List<IndexKey> keys, boolean sparse) {
                    return new SecondaryIndex<>(index, keys, sparse);
                }

                @Override
                public Document handleCommand(
                        Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
                    return IndexedCount.answer(command, query, name -> resolveCollection(name, false))
                            .orElseGet(() -> IndexedAggregation.Scope.around(
                                    command,
                                    query,
                                    () -> super.handleCommand(channel, command, query, resolver, oplog)));
                }

                @Override
                public synchronized @Nullable MongoCollection<Integer> resolveCollection(
                        String collection, boolean throwIfNotFound) {
                    return IndexedAggregation.Scope.resolved(
                            collection, super.resolveCollection(collection, throwIfNotFound));
                }
            };
        }
    }

    /** The H2 file backend (the local stack): the secondary indexes are built in memory when a database opens. */
    static final class H2 extends H2Backend {

        H2(String file) {
            super(file);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String name) {
            return new H2Database(name, getMvStore(), getCursorRegistry()) {
                @Override
                protected Index<Object> openOrCreateSecondaryIndex(
                        String collection, String index, List<IndexKey> keys, boolean sparse) {
                    return new SecondaryIndex<>(index, keys, sparse);
                }

                @Override
                public Document handleCommand(
                        Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
                    return IndexedCount.answer(command, query, name -> resolveCollection(name, false))
                            .orElseGet(() -> IndexedAggregation.Scope.around(
                                    command,
                                    query,
                                    () -> super.handleCommand(channel, command, query, resolver, oplog)));
                }

                @Override
                public synchronized @Nullable MongoCollection<Object> resolveCollection(
                        String collection, boolean throwIfNotFound) {
                    return IndexedAggregation.Scope.resolved(
                            collection, super.resolveCollection(collection, throwIfNotFound));
                }
            };
        }
    }
}
