package dev.chat.app.example;

import dev.chat.client.ChatClient;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A bot on the Java client library: it joins a room, greets it, and answers every "ping" with "pong". */
public final class HelloChat {

    private HelloChat() {}

    public static ChatClient start(URI server, Consumer<String> log) throws Exception {
        var chat = ChatClient.builder(server).user("pingbot", "Ping Bot").room("dev").build();
        chat.on("chat", frame -> {
            log.accept(frame.string("username") + ": " + frame.string("content"));
            if ("ping".equals(frame.string("content"))) {
                chat.send("dev", "pong");
            }
        });
        chat.onState(state -> log.accept("[" + state + "]"));
        chat.connect().get(10, TimeUnit.SECONDS);
        chat.send("dev", "Hello, dev").get(10, TimeUnit.SECONDS);
        return chat;
    }
}
