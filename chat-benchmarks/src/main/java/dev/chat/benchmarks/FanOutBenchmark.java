package dev.chat.benchmarks;

import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.util.List;

/** The hub alone: into in-memory connections that only count what they are given, the cheapest transport. */
public class FanOutBenchmark extends BroadcastBenchmark {

    @Override
    protected Connection connection() {
        return new Connection() {
            @Override
            public void send(List<EncodedMessage> messages) {
                delivered.add(messages.size());
            }

            @Override
            public void close(CloseReason reason) {
                // nothing to release
            }
        };
    }
}
