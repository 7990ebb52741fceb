package dev.chat.hub;

import dev.chat.domain.protocol.CloseReason;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's single thread of control: it takes one command at a time from the {@link Inbox} (or a batch of entries
 * into rooms, where the chat asks for them to be begun together) and has the {@link Chat} carry it out, reports a command that fails and goes on, and stops after {@link Command.Shutdown}.
 * It waits on nothing but the inbox, and only until the chat next has something due.
 */
final class EventLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    /** Enough for a reconnect storm to wait one round trip per batch; few enough that other commands soon get a turn. */
    private static final int ENTRIES_AT_ONCE = 128;

    private final Inbox inbox;
    private final Chat chat;

    EventLoop(Inbox inbox, Chat chat) {
        this.inbox = inbox;
        this.chat = chat;
    }

    @Override
    public void run() {
        try {
            while (true) {
                var command = next();
                if (command != null && chat.entersAhead(command)) {
                    var entries = entriesFrom(command);
                    Isolated.run(LOG, entries.size() + " entries", () -> chat.handleEntries(entries));
                } else if (command != null) {
                    Isolated.run(LOG, command, () -> chat.handle(command));
                    if (command instanceof Command.Shutdown) {
                        return;
                    }
                }
                if (isDue()) {
                    Isolated.run(LOG, "what was due", chat::runDue);
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.WARNING, "hub loop interrupted; closing every connection");
            chat.finishAll(CloseReason.GOING_AWAY);
        }
    }

    /** The entry, and those right behind it in the inbox, up to a batch. */
    private List<Command> entriesFrom(Command first) {
        var entries = new ArrayList<>(List.of(first));
        Command next;
        while (entries.size() < ENTRIES_AT_ONCE && (next = inbox.takeIf(chat::entersAhead)) != null) {
            entries.add(next);
        }
        return entries;
    }

    /** The next command, or null once something the chat has due is due. */
    private Command next() throws InterruptedException {
        var due = chat.nextDue();
        return due.isEmpty() ? inbox.take() : inbox.poll(due.getAsLong() - System.nanoTime());
    }

    private boolean isDue() {
        var due = chat.nextDue();
        return due.isPresent() && System.nanoTime() - due.getAsLong() >= 0;
    }
}
