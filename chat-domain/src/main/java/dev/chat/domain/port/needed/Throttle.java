package dev.chat.domain.port.needed;

/**
 * The port the hub needs to keep one client from flooding the others: a budget of messages for each connection.
 *
 * <p>Threading: {@link #newBudget} and every budget's {@link Budget#take} may be called from any thread.
 */
@FunctionalInterface
public interface Throttle {

    /** No limit at all: every message may go at once. */
    Throttle UNLIMITED = () -> () -> 0;

    /** A full budget for a connection that has just opened. */
    Budget newBudget();

    /** One connection's budget. */
    @FunctionalInterface
    interface Budget {

        /** Takes one message from the budget: 0 if it may go now, else how many nanoseconds until one may. */
        long take();
    }
}
