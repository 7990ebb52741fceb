package dev.chat.app;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chat server with the configuration in the environment, and stops it gracefully on SIGTERM or SIGINT.
 * With the one argument {@code --train} it makes the training run of the ahead-of-time cache instead
 * ({@link AotTraining}).
 */
public final class Main {

    static final String UNVERIFIED = "; identities are NOT verified: any client may claim any userId"
            + " (set AUTH_SECRET, AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL)";

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            train(args);
            return;
        }
        ChatConfig.Loaded loaded;
        try {
            loaded = ChatConfig.load(System.getenv());
        } catch (ConfigException e) {
            exit(2, "chat-app: " + e.getMessage());
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.log.dev.chat", loaded.config().logLevel());
        run(loaded.config(), loaded.effective());
    }

    private static void run(ChatConfig config, String effective) {
        var log = LoggerFactory.getLogger(Main.class);
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app, log), "chat-shutdown"));
        log.info(config.historyLocation());
        log.info("running as {}", config.clusterLocation());
        log.info("chat server listening on {}://{}:{} ({}){}", config.scheme(), config.host(), app.port(), effective,
                config.authentication().isPresent() ? "" : UNVERIFIED);
    }

    /**
     * Runs on SIGTERM or SIGINT. The JVM would end a signalled process with 143 or 130; a stop that went as planned
     * is not a failure, so it halts with 0 instead, once everything is closed.
     */
    private static void stop(ChatApplication app, Logger log) {
        long started = System.nanoTime();
        log.info("shutting down");
        boolean clean = false;
        try {
            clean = app.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopped in {} ms{}", (System.nanoTime() - started) / 1_000_000,
                clean ? "" : "; some sockets did not finish closing in time");
        Runtime.getRuntime().halt(0);
    }

    private static void warmUp(ChatConfig config, Logger log) throws InterruptedException {
        if (config.warmupSessions() == 0) {
            return;
        }
        long started = System.nanoTime();
        int completed = Warmup.run(config, config.warmupSessions());
        // The warm-up's garbage goes before the port opens; with the start script's options the heap then shrinks
        // to what is live, so a quiet server does not keep the warm-up's peak resident.
        System.gc();
        log.info("warmed up with {} of {} loopback sessions in {} ms", completed, config.warmupSessions(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Exits once trained: a thread some library left running would otherwise keep the JVM, and so the cache, open. */
    private static void train(String[] args) {
        if (args.length != 1 || !args[0].equals("--train")) {
            exit(2, "chat-app: the only argument is --train (the ahead-of-time cache's training run); configuration"
                    + " comes from the environment");
            return;
        }
        try {
            AotTraining.run();
        } catch (ConfigException | IOException | RuntimeException e) {
            exit(1, "chat-app: the training run failed: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit(1, "chat-app: the training run was interrupted");
            return;
        }
        System.exit(0);
    }

    private static void exit(int status, String line) {
        System.err.println(line);
        System.exit(status);
    }
}
