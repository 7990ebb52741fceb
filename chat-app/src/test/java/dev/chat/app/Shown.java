package dev.chat.app;

import dev.chat.adapter.javalin.TestClient;

/**
 * The ids a poster was shown of a stream of chats it sent all at once, m1 to m{@code count}: its echoes of the first
 * half, read before whatever a test does to the server mid-stream.
 */
record Shown(long first, long last) {

    static Shown sendingAndReadingHalf(TestClient poster, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            poster.send("{\"type\":\"chat\",\"content\":\"m" + i + "\"}");
        }
        long first = poster.nextOfType("chat").get("id").asLong();
        long last = first;
        for (int echoed = 1; echoed < count / 2; echoed++) {
            last = poster.nextOfType("chat").get("id").asLong();
        }
        return new Shown(first, last);
    }
}
