package dev.chat.app;

import dev.chat.adapter.dynamodb.DynamoMessageStore;
import dev.chat.domain.Availability;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.sql.SqlMessageStore;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A store that keeps history for good, whichever adapter it is: the history, what is kept beside it, the figures
 * {@code /metrics} shows of it, and how it is closed once the hub has stopped.
 *
 * @param queued       messages waiting to be written
 * @param failedWrites writes refused so far, each tried again
 * @param throttled    for DynamoDB, writes it throttled or left unprocessed
 * @param owner        what closes it: writes what is queued, then lets go
 */
record DurableStore(MessageStore history, ReadMarks readMarks, Sanctions sanctions, IntSupplier queued,
        LongSupplier failedWrites, BooleanSupplier available, Optional<LongSupplier> throttled, AutoCloseable owner) {

    /** SQLite or PostgreSQL. */
    static DurableStore of(SqlMessageStore store) {
        return new DurableStore(store, store.readMarks(), store.sanctions(), store::queued, store::failedWrites,
                store::available, Optional.empty(), store);
    }

    static DurableStore of(DynamoMessageStore store) {
        return new DurableStore(store, store.readMarks(), store.sanctions(), store::queued, store::failedWrites,
                () -> store.state() == Availability.OK, Optional.of(store::throttledWrites), store);
    }
}
