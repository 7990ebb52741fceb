package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A host application without any web server, with a transport and a store of its own. */
class EmbeddingTest {

    /** The host's own transport; here it just keeps what it is given. */
    record QueueConnection(BlockingQueue<String> delivered) implements Connection {
        @Override
        public void send(List<EncodedMessage> messages) {
            messages.forEach(message -> delivered.add(message.text()));
        }

        @Override
        public void close(CloseReason reason) {
            delivered.add("closed: " + reason.code());
        }
    }

    @Test
    void a_host_application_drives_the_hub_with_connections_and_a_store_of_its_own() throws InterruptedException {
        var toAlice = new LinkedBlockingQueue<String>();
        var toBob = new LinkedBlockingQueue<String>();
        var store = new RecordingStore();

        try (var hub = new Hub(HubSettings.defaults(), store).start()) {
            Client alice = hub.connect(new Identity("alice", "Alice"), new QueueConnection(toAlice),
                    new Request.Subscribe("dev", null));
            hub.connect(new Identity("bob", "Bob"), new QueueConnection(toBob));
            alice.post(new ClientMessage("chat", "Hello, dev", "dev", null, null));
            alice.post(new ClientMessage("subscribe", null, "global", null, null));
            alice.post(new ClientMessage("direct", "psst", null, "bob", null));

            assertTrue(take(toBob).startsWith("{\"type\":\"presence\",\"room\":\"global\""), "who is in the room");
            assertTrue(take(toBob).contains("\"content\":\"Bob joined\""), "Bob's own join");
            assertTrue(take(toBob).contains("\"content\":\"Alice joined\""), "Alice entering global");
            assertTrue(take(toBob).contains("\"type\":\"direct\""), "and nothing of room dev");
        }

        assertEquals("closed: 1001", toBob.stream().reduce((first, last) -> last).orElseThrow());
        assertEquals(List.of("dev", "global", "dev", "global"),
                store.appended.stream().map(RoomMessage::room).toList(), "joins and the chat, never the direct");
    }

    private static String take(BlockingQueue<String> queue) throws InterruptedException {
        var text = queue.poll(10, TimeUnit.SECONDS);
        assertTrue(text != null, "nothing arrived");
        return text;
    }
}
