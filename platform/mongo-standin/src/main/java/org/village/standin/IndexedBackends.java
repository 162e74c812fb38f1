package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStore.TxCounter;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server's two backends with the non-unique indexes it lacks ({@link SecondaryIndex}): an index the
 * services create is used, as on MongoDB, instead of every query reading the whole collection; an aggregation
 * that starts with {@code $match} reads through them too ({@link IndexedAggregation}), and a count of one field's
 * value is answered from its index alone ({@link IndexedCount}); every query reads what its indexes narrow it to
 * ({@link QueryPlanner}).
 */
final class IndexedBackends {

    private IndexedBackends() {}

    /** The memory backend (the tests). */
    static final class Memory extends MemoryBackend {

        @Override
        public MemoryDatabase openOrCreateDatabase(String name) {
            return new MemoryDatabase(name, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
                    return new PlannedMemoryCollection(this, collection, options, cursorRegistry);
                }

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

    /**
     * The H2 file backend (the local stack): its documents stored as BSON ({@link BsonDocuments}), its indexes,
     * unique ones too ({@link HeldUniqueIndex}), built in memory when a database opens. Every command, and the
     * opening of a database, registers the file's version it reads for as long as it runs: H2 frees a chunk of the
     * file once no registered version needs it, and a scan that went unregistered read pages from a chunk compacted
     * away meanwhile ("Chunk … not found": {@code H2VersionUsageTest}).
     */
    static final class H2 extends H2Backend {

        /**
         * H2's page cache stays at its default (16 MB). A cache a quarter of the heap (2.5 GB) saved decoding pages
         * read again, but with 100,000 intakes stored it kept 5 GB live in the heap and G1 paused the stand-in
         * 130-460 ms every two or three seconds: its CPU per intake went from 17 to 40 ms and the capacity from
         * what the empty database held down to 20/s (README, "Sixth round").
         */
        H2(String file) {
            super(file);
        }

        private <T> T registered(Supplier<T> work) {
            MVStore store = getMvStore();
            TxCounter usage = store.registerVersionUsage();
            try {
                return work.get();
            } finally {
                store.deregisterVersionUsage(usage);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return registered(() -> super.handleCommand(channel, database, command, query));
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            return registered(() -> super.handleMessage(message));
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            return registered(() -> super.handleQuery(query));
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String name) {
            return registered(() -> openDatabase(name));
        }

        private MongoDatabase openDatabase(String name) {
            MVStore store = getMvStore();
            return new H2Database(name, store, getCursorRegistry()) {
                @Override
                protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
                    // as H2Database opens one: the documents' map (its documents as BSON) and the meta data map
                    String namespace = getFullCollectionNamespace(collection);
                    return new PlannedH2Collection(
                            this,
                            collection,
                            options,
                            store.openMap(
                                    "databases." + namespace,
                                    new MVMap.Builder<Object, Document>().valueType(new BsonDocuments())),
                            store.openMap("meta." + namespace),
                            cursorRegistry);
                }

                @Override
                protected Index<Object> openOrCreateUniqueIndex(
                        String collection, String index, List<IndexKey> keys, boolean sparse) {
                    return new HeldUniqueIndex<>(index, keys, sparse);
                }

                @Override
                protected Index<Object> openOrCreateSecondaryIndex(
                        String collection, String index, List<IndexKey> keys, boolean sparse) {
                    return SecondaryIndex.positionedById(index, keys, sparse);
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

    /** The memory backend's collection, its queries planned ({@link QueryPlanner}). */
    static final class PlannedMemoryCollection extends MemoryCollection implements QueryPlanner.Reads<Integer> {

        private final AtomicLong examined = new AtomicLong();

        PlannedMemoryCollection(
                MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return QueryPlanner.query(this, query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            if (!query.isEmpty()) {
                examined.incrementAndGet();
            }
            return super.documentMatchesQuery(document, query);
        }

        @Override
        public Document document(Integer position) {
            return getDocument(position);
        }

        @Override
        public boolean matches(Document document, Document query) {
            return documentMatchesQuery(document, query);
        }

        @Override
        public QueryResult fromMatched(
                Stream<Document> documents,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return matchDocumentsFromStream(documents, new Document(), orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public QueryResult fromPositions(
                Document query,
                Iterable<Integer> positions,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return matchDocuments(query, positions, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public QueryResult unplanned(
                Document query,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public long examined() {
            return examined.get();
        }
    }

    /** The H2 backend's collection, its queries planned as {@link PlannedMemoryCollection}'s are. */
    static final class PlannedH2Collection extends H2Collection implements QueryPlanner.Reads<Object> {

        private final AtomicLong examined = new AtomicLong();

        PlannedH2Collection(
                MongoDatabase database,
                String name,
                CollectionOptions options,
                MVMap<Object, Document> documents,
                MVMap<String, Object> meta,
                CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return QueryPlanner.query(this, query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            if (!query.isEmpty()) {
                examined.incrementAndGet();
            }
            return super.documentMatchesQuery(document, query);
        }

        /**
         * A copy of the stored document: mongo-java-server changes the document it read field by field to update
         * it, and H2's background writer may be encoding the stored one at that moment.
         */
        @Override
        protected Document getDocument(Object position) {
            Document stored = super.getDocument(position);
            return stored == null ? stored : stored.cloneDeeply();
        }

        /** Stores a copy, which nothing else holds, so that it is never changed in place. */
        @Override
        protected Object addDocumentInternal(Document document) {
            return super.addDocumentInternal(document.cloneDeeply());
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument.cloneDeeply());
        }

        /** A full scan: the stored documents matched as they are, and those that match handed out as copies. */
        @Override
        protected QueryResult matchDocuments(
                Document query,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            if (isNaturalDescending(orderBy)) {
                return super.matchDocuments(query, orderBy, skip, limit, batchSize, projection);
            }
            Stream<Document> matching = streamAllDocumentsWithPosition()
                    .map(DocumentWithPosition::getDocument)
                    .filter(stored -> documentMatchesQuery(stored, query))
                    .map(Document::cloneDeeply);
            return matchDocumentsFromStream(matching, query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public Document document(Object position) {
            return getDocument(position);
        }

        @Override
        public boolean matches(Document document, Document query) {
            return documentMatchesQuery(document, query);
        }

        @Override
        public QueryResult fromMatched(
                Stream<Document> documents,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return matchDocumentsFromStream(documents, new Document(), orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public QueryResult fromPositions(
                Document query,
                Iterable<Object> positions,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return matchDocuments(query, positions, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public QueryResult unplanned(
                Document query,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public long examined() {
            return examined.get();
        }
    }
}
