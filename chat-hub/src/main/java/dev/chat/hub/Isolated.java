package dev.chat.hub;

import dev.chat.domain.Text;
import java.lang.System.Logger.Level;

/** One bad command must not stop the chat for everyone: what it throws is logged, and the loop goes on. */
final class Isolated {

    private Isolated() {
    }

    /** @param log the caller's own, so that what failed is logged where it happened */
    static void run(System.Logger log, Object what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "hub could not handle " + Text.loggable(String.valueOf(what)) + "; carrying on", e);
        }
    }
}
