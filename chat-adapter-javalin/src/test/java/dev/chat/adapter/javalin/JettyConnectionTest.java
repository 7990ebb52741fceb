package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.chat.domain.CloseReason;
import dev.chat.domain.EncodedMessage;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

/** How a batch meets Jetty: one text frame per message, all but the last batched, the last one flushing them all. */
class JettyConnectionTest {

    private record Sent(String text, byte opcode, boolean batched) {}

    private final CoreSession session = mock(CoreSession.class);
    private final JettyConnection connection = new JettyConnection(session);
    private final List<Sent> sent = new ArrayList<>();

    @Test
    void each_message_is_its_own_frame_and_only_the_last_one_triggers_a_write() throws IOException {
        writesComplete();

        connection.send(messages("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));

        assertEquals(List.of(new Sent("{\"n\":1}", OpCode.TEXT, true), new Sent("{\"n\":2}", OpCode.TEXT, true),
                new Sent("{\"n\":3}", OpCode.TEXT, false)), sent);
        verify(session, never()).flush(any(Callback.class));
    }

    @Test
    void a_failed_write_is_reported_as_an_io_error() {
        doAnswer(call -> {
            call.<Callback>getArgument(1).failed(new ClosedChannelException());
            return null;
        }).when(session).sendFrame(any(Frame.class), any(Callback.class), eq(false));

        assertThrows(IOException.class, () -> connection.send(messages("{}")));
    }

    @Test
    void closing_sends_the_reasons_websocket_code() {
        connection.close(CloseReason.GOING_AWAY);

        verify(session).close(eq(1001), eq("server shutting down"), any(Callback.class));
    }

    /** Records every frame; completes the callback of an unbatched one, as Jetty does once it is written. */
    private void writesComplete() {
        doAnswer(call -> {
            Frame frame = call.getArgument(0);
            boolean batched = call.getArgument(2);
            sent.add(new Sent(StandardCharsets.UTF_8.decode(frame.getPayload()).toString(), frame.getOpCode(), batched));
            if (!batched) {
                call.<Callback>getArgument(1).succeeded();
            }
            return null;
        }).when(session).sendFrame(any(Frame.class), any(Callback.class), anyBoolean());
    }

    private static List<EncodedMessage> messages(String... texts) {
        return List.of(texts).stream().map(EncodedMessage::of).toList();
    }
}
