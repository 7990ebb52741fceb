package com.example.chat;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.InMemoryMessageStore;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A chat hub inside a program of its own, with no web server: two users, a room, a direct message. */
public final class EmbeddedChat {

    /** Your transport. The hub calls it from one writer thread per connection; this one keeps what it is sent. */
    record Transcript(String user, ConcurrentLinkedQueue<String> lines) implements Connection {
        Transcript(String user) {
            this(user, new ConcurrentLinkedQueue<>());
        }

        @Override
        public void send(List<EncodedMessage> messages) {
            messages.forEach(message -> lines.add(user + " <- " + message.text()));
        }

        @Override
        public void close(CloseReason reason) {
            lines.add(user + " closed with " + reason.code());
        }

        void print() {
            lines.forEach(System.out::println);
        }
    }

    public static void main(String[] args) {
        var toAlice = new Transcript("alice");
        var toBob = new Transcript("bob");
        try (var hub = new Hub(HubSettings.defaults(), new InMemoryMessageStore()).start()) {
            Client alice = hub.connect(new Identity("alice", "Alice"), toAlice, new Request.Subscribe("dev", null));
            hub.connect(new Identity("bob", "Bob"), toBob);
            alice.post(new ClientMessage("chat", "Hello, dev", "dev", null, null));
            alice.post(new ClientMessage("subscribe", null, "global", null, null));
            alice.post(new ClientMessage("direct", "psst", null, "bob", null));
        }
        toAlice.print();
        toBob.print();
    }
}
