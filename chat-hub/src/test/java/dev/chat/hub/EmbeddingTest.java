package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Client;
import dev.chat.domain.ClientMessage;
import dev.chat.domain.CloseReason;
import dev.chat.domain.Connection;
import dev.chat.domain.EncodedMessage;
import dev.chat.domain.Identity;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's embedding example, as a host application without any web server would write it. */
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
    void a_host_application_drives_the_hub_with_connections_of_its_own() throws InterruptedException {
        var toAlice = new LinkedBlockingQueue<String>();
        var toBob = new LinkedBlockingQueue<String>();

        try (var hub = new Hub(HubSettings.defaults()).start()) {
            Client alice = hub.connect(new Identity("alice", "Alice"), new QueueConnection(toAlice));
            hub.connect(new Identity("bob", "Bob"), new QueueConnection(toBob));
            alice.post(ClientMessage.chat("Hello from an embedded hub"));

            assertTrue(take(toBob).startsWith("{\"type\":\"presence\""), "who is in the room comes first");
            assertTrue(take(toBob).contains("\"content\":\"Alice joined\""), "then the room's history");
            assertTrue(take(toBob).contains("\"content\":\"Bob joined\""), "then Bob's own join");
            assertTrue(take(toBob).contains("\"content\":\"Hello from an embedded hub\""));
        }

        assertEquals("closed: 1001", toBob.stream().reduce((first, last) -> last).orElseThrow());
    }

    private static String take(BlockingQueue<String> queue) throws InterruptedException {
        var text = queue.poll(10, TimeUnit.SECONDS);
        assertTrue(text != null, "nothing arrived");
        return text;
    }
}
