package dev.chat.adapter.dynamodb;

import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.MessageStoreContract;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.ReadMarksContract;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.port.needed.SanctionsContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB store against dynalite, held to what every store does; each test on a table of its own. */
class DynamoMessageStoreTest extends MessageStoreContract {

    private static LocalDynalite dynalite;
    private static DynamoDbClient client;
    private final List<DynamoMessageStore> opened = new ArrayList<>();

    @BeforeAll
    static void startDynalite() {
        dynalite = LocalDynalite.start();
        client = dynalite.client();
    }

    @AfterAll
    static void stopDynalite() {
        client.close();
        dynalite.close();
    }

    @AfterEach
    void closeStores() throws InterruptedException {
        for (var store : opened) {
            store.close();
        }
    }

    /** The read marks kept in the history's table, held to what every {@link ReadMarks} does. */
    @Nested
    class ItsReadMarks extends ReadMarksContract {

        @Override
        protected ReadMarks newMarks() {
            return ((DynamoMessageStore) newStore()).readMarks();
        }
    }

    /** The bans and mutes kept in the history's table, held to what every {@link Sanctions} store does. */
    @Nested
    class ItsSanctions extends SanctionsContract {

        @Override
        protected Sanctions newSanctions() {
            return ((DynamoMessageStore) newStore()).sanctions();
        }
    }

    @Override
    protected MessageStore newStore() {
        var store = DynamoMessageStore.open(client, new DynamoSettings("chat-" + UUID.randomUUID(), Optional.empty(),
                "us-east-1", true), 10_000);
        opened.add(store);
        return store;
    }
}
