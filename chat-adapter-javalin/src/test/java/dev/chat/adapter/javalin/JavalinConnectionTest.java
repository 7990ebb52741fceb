package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.chat.domain.CloseReason;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** How a batch meets Jetty: one text frame per message, all batched, and a single flush that the writer waits on. */
class JavalinConnectionTest {

    private final CoreSession session = mock(CoreSession.class);
    private final JavalinConnection connection = new JavalinConnection(session);

    @Test
    void each_text_becomes_its_own_batched_frame_and_one_flush_writes_them_all() throws IOException {
        flushSucceeds();

        connection.send(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));

        var frames = ArgumentCaptor.forClass(Frame.class);
        var order = inOrder(session);
        order.verify(session, times(3)).sendFrame(frames.capture(), any(Callback.class), eq(true));
        order.verify(session).flush(any(Callback.class));
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"),
                frames.getAllValues().stream().map(JavalinConnectionTest::text).toList());
        frames.getAllValues().forEach(frame -> assertEquals(OpCode.TEXT, frame.getOpCode()));
    }

    @Test
    void a_failed_flush_is_reported_as_an_io_error() {
        doAnswer(call -> {
            call.<Callback>getArgument(0).failed(new ClosedChannelException());
            return null;
        }).when(session).flush(any(Callback.class));

        assertThrows(IOException.class, () -> connection.send(List.of("{}")));
    }

    @Test
    void closing_sends_the_reasons_websocket_code() {
        connection.close(CloseReason.GOING_AWAY);

        verify(session).close(eq(1001), eq("server shutting down"), any(Callback.class));
    }

    private void flushSucceeds() {
        doAnswer(call -> {
            call.<Callback>getArgument(0).succeeded();
            return null;
        }).when(session).flush(any(Callback.class));
    }

    private static String text(Frame frame) {
        return StandardCharsets.UTF_8.decode(frame.getPayload()).toString();
    }

}
