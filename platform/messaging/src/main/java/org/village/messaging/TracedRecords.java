package org.village.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * A consumer's work on a record is a step of the trace the record carries ({@code traceparent}), or of a new
 * one: what it logs and the events it causes carry that trace on.
 */
class TracedRecords implements RecordInterceptor<String, byte[]> {

    private static final ThreadLocal<TraceContext.Scope> scope = new ThreadLocal<>();

    @Override
    public ConsumerRecord<String, byte[]> intercept(
            ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
        end();
        Header header = record.headers().lastHeader(TraceContext.HEADER);
        scope.set(TraceContext.continueOrStart(
                header == null ? null : new String(header.value(), StandardCharsets.US_ASCII)));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
        end();
    }

    private void end() {
        TraceContext.Scope open = scope.get();
        if (open != null) {
            scope.remove();
            open.close();
        }
    }
}
