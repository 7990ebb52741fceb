package dev.chat.hub;

import org.junit.jupiter.api.AfterEach;

/**
 * What the room tests share: a hub that keeps history but sends none on entering (so a test reads only what it is
 * about; a test about what entering sends starts a hub of its own from {@link #hubs}), and the check after each test
 * that every hub started has closed and left no thread behind.
 */
abstract class RoomHubTest {

    final RoomHubs hubs = new RoomHubs();
    final Hub hub = hubs.start(new RoomLimits(3, 0, 100));

    @AfterEach
    void closeHubs() throws InterruptedException {
        hubs.closeAll();
    }
}
