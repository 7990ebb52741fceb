package dev.chat.adapter.dynamodb;

import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.MessageStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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

    @Override
    protected MessageStore newStore() {
        var store = DynamoMessageStore.open(client, new DynamoSettings("chat-" + UUID.randomUUID(), Optional.empty(),
                "us-east-1", true), 10_000);
        opened.add(store);
        return store;
    }
}
