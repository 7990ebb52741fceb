package dev.chat.app;

import dev.chat.adapter.dynamodb.DynamoMessageStore;
import dev.chat.domain.Availability;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.sql.SqlMessageStore;

/**
 * A store that keeps history for good, whichever adapter it is, with what it keeps beside the history, the figures
 * {@code /metrics} shows of it, and how it is closed once the hub has stopped.
 */
sealed interface DurableStore {

    MessageStore history();

    ReadMarks readMarks();

    Sanctions sanctions();

    /** Messages waiting to be written. */
    int queued();

    /** Writes refused so far, each tried again. */
    long failedWrites();

    boolean available();

    /** Writes what is queued, then lets go; throws what the adapter throws. */
    void close() throws Exception;

    /** SQLite or PostgreSQL. */
    record Sql(SqlMessageStore store) implements DurableStore {

        @Override
        public MessageStore history() {
            return store;
        }

        @Override
        public ReadMarks readMarks() {
            return store.readMarks();
        }

        @Override
        public Sanctions sanctions() {
            return store.sanctions();
        }

        @Override
        public int queued() {
            return store.queued();
        }

        @Override
        public long failedWrites() {
            return store.failedWrites();
        }

        @Override
        public boolean available() {
            return store.available();
        }

        @Override
        public void close() throws Exception {
            store.close();
        }
    }

    /** DynamoDB. */
    record Dynamo(DynamoMessageStore store) implements DurableStore {

        @Override
        public MessageStore history() {
            return store;
        }

        @Override
        public ReadMarks readMarks() {
            return store.readMarks();
        }

        @Override
        public Sanctions sanctions() {
            return store.sanctions();
        }

        @Override
        public int queued() {
            return store.queued();
        }

        @Override
        public long failedWrites() {
            return store.failedWrites();
        }

        @Override
        public boolean available() {
            return store.state() == Availability.OK;
        }

        @Override
        public void close() throws Exception {
            store.close();
        }
    }
}
