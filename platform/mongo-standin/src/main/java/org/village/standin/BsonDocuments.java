package org.village.standin;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The H2 file's documents stored as BSON, as MongoDB stores them, instead of with Java serialization (the H2
 * backend's default: about three times the CPU to write and read, and larger). A document written before in the
 * old form is still read: it starts with Java serialization's type tag, a BSON one with {@link #BSON}.
 */
final class BsonDocuments extends BasicDataType<Document> {

    /** The first byte of a document stored as BSON; H2's own form of a document never starts with it. */
    private static final byte BSON = (byte) 0xB5;

    /** What a cached document is counted as in H2's cache (a typical case or notification). */
    private static final int ESTIMATED_MEMORY = 2_048;

    private final ObjectDataType before = new ObjectDataType();

    @Override
    public int getMemory(Document document) {
        return ESTIMATED_MEMORY;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, encoded);
            buffer.put(BSON).putVarInt(encoded.readableBytes());
            buffer.put(encoded.nioBuffer());
        } finally {
            encoded.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) before.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
