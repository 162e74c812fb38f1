package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server's two backends with the non-unique indexes it lacks ({@link SecondaryIndex}): an index the
 * services create is used, as on MongoDB, instead of every query reading the whole collection; an aggregation
 * that starts with {@code $match} reads through them too ({@link IndexedAggregation}), and the newest documents
 * by id come from an ordered id index ({@link NewestById}).
 */
final class IndexedBackends {

    private IndexedBackends() {}

    /**
     * Takes the ordered id index off a collection being dropped: mongo-java-server drops the indexes it knows of
     * and expects none to be left.
     */
    private static void forgetOrderedIds(@Nullable MongoCollection<?> collection) {
        if (collection != null
                && collection.getIndexes().stream()
                        .anyMatch(index -> index.getName().equals("_id_ordered"))) {
            collection.dropIndex("_id_ordered");
        }
    }

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
                protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
                    MemoryCollection opened = super.openOrCreateCollection(collection, options);
                    opened.addIndex(SecondaryIndex.orderedIds());
                    return opened;
                }

                @Override
                public Document handleCommand(
                        Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
                    Document asked = NewestById.rewritten(command, query, name -> super.resolveCollection(name, false));
                    return IndexedAggregation.Scope.around(
                            command, asked, () -> super.handleCommand(channel, command, asked, resolver, oplog));
                }

                @Override
                public void dropCollection(String collection, Oplog oplog) {
                    forgetOrderedIds(super.resolveCollection(collection, false));
                    super.dropCollection(collection, oplog);
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
                protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
                    MongoCollection<Object> opened = super.openOrCreateCollection(collection, options);
                    opened.addIndex(SecondaryIndex.orderedIds());
                    return opened;
                }

                @Override
                public Document handleCommand(
                        Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
                    Document asked = NewestById.rewritten(command, query, name -> super.resolveCollection(name, false));
                    return IndexedAggregation.Scope.around(
                            command, asked, () -> super.handleCommand(channel, command, asked, resolver, oplog));
                }

                @Override
                public void dropCollection(String collection, Oplog oplog) {
                    forgetOrderedIds(super.resolveCollection(collection, false));
                    super.dropCollection(collection, oplog);
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
