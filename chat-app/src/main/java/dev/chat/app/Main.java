package dev.chat.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts the chat server with the configuration in the environment, and stops it gracefully on SIGTERM or SIGINT. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        ChatConfig config;
        try {
            config = ChatConfig.from(System.getenv());
        } catch (ConfigException e) {
            exit(2, "chat-app: " + e.getMessage());
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.log.dev.chat", config.logLevel());
        run(config);
    }

    private static void run(ChatConfig config) {
        var log = LoggerFactory.getLogger(Main.class);
        var stopRequested = new CountDownLatch(1);
        // Handling the signals ourselves, rather than in a shutdown hook, lets a graceful stop end with exit code 0.
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());

        ChatApplication app;
        try {
            warmUp(config, log);
            app = ChatApplication.start(config);
        } catch (RuntimeException e) {
            exit(1, "chat-app: could not start: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log.info("chat server listening on http://0.0.0.0:{} ({})", app.port(), config.describe());

        try {
            stopRequested.await();
            long started = System.nanoTime();
            log.info("shutting down");
            var clean = app.stop();
            log.info("stopped in {} ms{}", (System.nanoTime() - started) / 1_000_000,
                    clean ? "" : "; some sockets did not finish closing in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    private static void warmUp(ChatConfig config, Logger log) throws InterruptedException {
        if (config.warmupSessions() == 0) {
            return;
        }
        long started = System.nanoTime();
        int completed = Warmup.run(config, config.warmupSessions());
        log.info("warmed up with {} of {} loopback sessions in {} ms", completed, config.warmupSessions(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void exit(int status, String line) {
        System.err.println(line);
        System.exit(status);
    }
}
