package org.village.standin;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.List;

/**
 * mongo-java-server's two backends with the non-unique indexes it lacks ({@link SecondaryIndex}): an index the
 * services create is used, as on MongoDB, instead of every query reading the whole collection.
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
            };
        }
    }
}
