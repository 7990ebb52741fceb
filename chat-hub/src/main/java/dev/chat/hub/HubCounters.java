package dev.chat.hub;

import dev.chat.domain.HubStats;

/** The hub's running totals: written by the loop only, volatile so that any thread may read them. */
final class HubCounters {

    private volatile int clients;
    private volatile long messages;
    private volatile long dropped;
    private volatile long closedTooSlow;
    private volatile long closedSendFailed;

    void clients(int count) {
        clients = count;
    }

    void message() {
        messages++;
    }

    void drop() {
        dropped++;
    }

    void closedTooSlow() {
        closedTooSlow++;
    }

    void closedSendFailed() {
        closedSendFailed++;
    }

    int clients() {
        return clients;
    }

    HubStats snapshot() {
        return new HubStats(clients, messages, dropped, closedTooSlow, closedSendFailed);
    }
}
