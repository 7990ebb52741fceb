package dev.chat.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Availability;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Throttling, which the emulator never does: an interceptor in the SDK's pipeline refuses the first batch writes as
 * DynamoDB does when a table is over its capacity. The store counts them, says it is unavailable, and writes every
 * message once DynamoDB takes them again.
 */
class DynamoThrottlingTest {

    private static final Identity ALICE = new Identity("alice", "Alice");

    private final LocalDynalite dynalite = LocalDynalite.start();

    @AfterEach
    void stop() {
        dynalite.close();
    }

    @Test
    void throttled_batches_are_counted_and_written_once_dynamodb_takes_them_again() throws Exception {
        var refusals = new AtomicInteger(4);
        var client = dynalite.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchWriteItemRequest && refusals.getAndDecrement() > 0) {
                    throw ProvisionedThroughputExceededException.builder().statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("ProvisionedThroughputExceededException")
                                    .errorMessage("the table is over its capacity").build())
                            .build();
                }
            }
        });
        var store = DynamoMessageStore.open(client, new DynamoSettings("chat-messages", Optional.empty(), "us-east-1",
                true), 1000);

        for (long id = 1; id <= 60; id++) {
            store.append(new RoomMessage("dev", id, Message.chat(ALICE, "m" + id, Instant.now())));
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((store.state() != Availability.OK || store.queued() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(Availability.OK, store.state());
        assertEquals(60, store.after("dev", 0, 100).size(), "every message, once");
        assertTrue(store.throttledWrites() >= 4, store.throttledWrites() + " throttled");
        store.close();
        client.close();
    }
}
