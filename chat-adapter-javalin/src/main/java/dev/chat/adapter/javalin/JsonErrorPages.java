package dev.chat.adapter.javalin;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import dev.chat.domain.protocol.WireFormat;
import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers by itself, before any route sees the request (a header too large, a URL too long, a
 * request it cannot parse), in the protocol's JSON error body rather than Jetty's HTML page.
 */
final class JsonErrorPages extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) throws IOException {
        var code = status == 413 || status == 414 || status == 431 ? ErrorCode.REQUEST_TOO_LARGE
                : ErrorCode.INVALID_REQUEST;
        var text = message == null || message.isBlank() ? "the request was refused with " + status : message;
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, WireFormat.encode(new Rejection(code, text.strip())).bytes(), callback);
    }
}
