package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser files as HTTP serves them: cached by ETag, pages under a strict policy, pages switched off by WEB_UI. */
class WebUiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void a_page_comes_with_an_etag_and_a_policy_that_runs_no_inline_script_and_a_match_is_304() throws Exception {
        var app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "DATA_DIR", data.toString())).config());
        try {
            var page = get(app, "/", Map.of());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script type=\"module\" src=\"/app/chat-page.js\"></script>"));
            var policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(policy.contains("script-src 'self';") && !policy.contains("unsafe-inline"), policy);
            var etag = page.headers().firstValue("ETag").orElseThrow();

            assertEquals(304, get(app, "/", Map.of("If-None-Match", etag)).statusCode());
            assertEquals(200, get(app, "/admin", Map.of("If-None-Match", etag)).statusCode(), "another file");
            assertEquals("text/javascript; charset=utf-8", get(app, "/client/chat.js", Map.of()).headers()
                    .firstValue("Content-Type").orElseThrow());
        } finally {
            app.stop();
        }
    }

    @Test
    void web_ui_off_serves_the_library_but_not_the_pages() throws Exception {
        var app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "DATA_DIR", data.toString(),
                "WEB_UI", "off")).config());
        try {
            assertEquals(404, get(app, "/", Map.of()).statusCode());
            assertEquals(404, get(app, "/admin", Map.of()).statusCode());
            assertEquals(404, get(app, "/vendor/uplot/uPlot.iife.min.js", Map.of()).statusCode());
            assertEquals(200, get(app, "/client/chat.js", Map.of()).statusCode());
            assertEquals(200, get(app, "/client/chat.d.ts", Map.of()).statusCode());
        } finally {
            app.stop();
        }
    }

    private HttpResponse<String> get(ChatApplication app, String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
