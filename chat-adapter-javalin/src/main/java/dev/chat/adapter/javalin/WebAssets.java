package dev.chat.adapter.javalin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The browser files the web module ships, read from the classpath once at startup as its {@code assets.txt} lists
 * them, and served from memory: each with an ETag (a hash of its bytes), so that a browser revalidates and gets 304
 * until the jar changes, and the pages with a Content-Security-Policy that runs no inline script and loads nothing
 * from elsewhere. Without the web module on the classpath there is nothing to serve.
 */
final class WebAssets {

    static final String MANIFEST = "dev/chat/web/assets.txt";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "ts", "text/plain; charset=utf-8",
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8");

    /** One file: where it is served, whether it is a page's (switched off with the pages), and its bytes. */
    record Asset(String path, boolean page, String contentType, byte[] bytes, String etag) {

        void serve(Context ctx) {
            ctx.header("Cache-Control", "no-cache");
            ctx.header("ETag", etag);
            ctx.header("X-Content-Type-Options", "nosniff");
            if (contentType.startsWith("text/html")) {
                ctx.header("Content-Security-Policy", POLICY);
                ctx.header("Referrer-Policy", "no-referrer");
            }
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.contentType(contentType).result(bytes);
        }
    }

    private WebAssets() {}

    /** What the classpath's web module lists, or nothing if it is not there. */
    static List<Asset> load(ClassLoader classes) {
        try (var manifest = classes.getResourceAsStream(MANIFEST)) {
            if (manifest == null) {
                return List.of();
            }
            var assets = new ArrayList<Asset>();
            for (var line : new String(manifest.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    assets.add(asset(classes, line.trim().split(" +")));
                }
            }
            return List.copyOf(assets);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + MANIFEST, e);
        }
    }

    private static Asset asset(ClassLoader classes, String[] fields) throws IOException {
        var resource = fields[1];
        try (InputStream in = classes.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(MANIFEST + " lists " + resource + ", which is not on the classpath");
            }
            var bytes = in.readAllBytes();
            return new Asset(fields[0], fields[2].equals("page"), contentType(resource), bytes, etag(bytes));
        }
    }

    private static String contentType(String resource) {
        var extension = resource.substring(resource.lastIndexOf('.') + 1);
        return TYPES.getOrDefault(extension, "text/plain; charset=utf-8");
    }

    private static String etag(byte[] bytes) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
