package dev.chat.adapter.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite (npm, Apache-2.0), a server that answers the DynamoDB API, for tests that need one: installed once, pinned,
 * into a cache under the user's home (npm fetches it from the registry the first time), and run with Node on a free
 * port, keeping its data in a folder when given one, so that it can be stopped and started again.
 */
public final class LocalDynalite implements AutoCloseable {

    static final String VERSION = "4.0.0";
    private static final Duration START = Duration.ofSeconds(30);

    private final int port;
    private final Optional<Path> data;
    private Process process;

    private LocalDynalite(int port, Optional<Path> data) {
        this.port = port;
        this.data = data;
    }

    /** In memory: gone when stopped. */
    public static LocalDynalite start() {
        return start(Optional.empty());
    }

    /** Keeping its tables in {@code data} across a restart. */
    public static LocalDynalite start(Optional<Path> data) {
        var dynalite = new LocalDynalite(freePort(), data);
        dynalite.run();
        return dynalite;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(configuration -> List.of(interceptors)
                        .forEach(configuration::addExecutionInterceptor))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void restart() {
        stop();
        run();
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        var command = new ArrayList<>(List.of("node", installed().resolve("node_modules/dynalite/cli.js")
                .toString(), "--port", Integer.toString(port), "--createTableMs", "20", "--deleteTableMs", "20",
                "--updateTableMs", "20"));
        data.ifPresent(folder -> command.addAll(List.of("--path", folder.toString())));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite with node: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("dynalite did not listen on " + port + " within " + START);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private boolean answers() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The pinned version, installed with npm the first time it is needed on this machine. */
    private static synchronized Path installed() {
        var folder = Path.of(System.getProperty("user.home"), ".cache", "chat-tests", "dynalite-" + VERSION);
        if (Files.exists(folder.resolve("node_modules/dynalite/cli.js"))) {
            return folder;
        }
        try {
            Files.createDirectories(folder);
            var npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", folder.toString(),
                    "dynalite@" + VERSION).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm could not install dynalite@" + VERSION + " into " + folder);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("npm could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite", e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
