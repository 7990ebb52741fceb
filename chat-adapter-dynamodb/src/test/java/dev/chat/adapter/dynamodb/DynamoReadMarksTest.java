package dev.chat.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** A user's marks are read once as it connects: entering rooms then costs the hub's loop no request to DynamoDB. */
class DynamoReadMarksTest {

    private final LocalDynalite dynalite = LocalDynalite.start();

    @AfterEach
    void stop() {
        dynalite.close();
    }

    @Test
    void after_a_prefetch_the_loop_reads_marks_from_memory_including_the_ones_it_raised() throws Exception {
        var reads = new AtomicInteger();
        try (var client = dynalite.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetItemRequest get
                        && get.key().get(Items.ROOM).s().startsWith("#marks:")) {
                    reads.incrementAndGet();
                }
            }
        })) {
            var store = DynamoMessageStore.open(client, new DynamoSettings("chat-messages", Optional.empty(),
                    "us-east-1", true), 100);
            var marks = store.readMarks();
            marks.markRead("bob", "dev", 41);

            marks.prefetch("bob");
            int afterPrefetch = reads.get();
            marks.markRead("bob", "ops", 7);

            assertEquals(41, marks.lastRead("bob", "dev"));
            assertEquals(7, marks.lastRead("bob", "ops"));
            assertEquals(0, marks.lastRead("bob", "random"));
            assertEquals(afterPrefetch, reads.get(), "no read on the loop");
            store.close();
        }
    }
}
