package dev.chat.hub;

import dev.chat.domain.Identity;
import dev.chat.domain.port.needed.MessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The room tests' hubs and users. Every hub writes without pacing and on tracked threads; {@link #closeAll} closes
 * each hub started and proves that none of their threads is left running.
 */
final class RoomHubs {

    static final Identity ALICE = new Identity("alice", "Alice");
    static final Identity BOB = new Identity("bob", "Bob");
    static final Identity CAROL = new Identity("carol", "Carol");

    private final TrackingThreads threads = new TrackingThreads();
    private final List<Hub> started = new ArrayList<>();

    Hub start(RoomLimits limits) {
        return start(limits, new InMemoryMessageStore());
    }

    Hub start(RoomLimits limits, MessageStore store) {
        var settings = HubSettings.defaults().withRoomLimits(limits).withWriteInterval(Duration.ZERO).withThreads(threads);
        var hub = new Hub(settings, store).start();
        started.add(hub);
        return hub;
    }

    void closeAll() throws InterruptedException {
        started.forEach(Hub::close);
        threads.assertAllEnded();
    }
}
