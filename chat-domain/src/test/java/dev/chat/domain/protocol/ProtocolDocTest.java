package dev.chat.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every frame shown in the protocol guide, held to the code: a frame the server sends has exactly the fields, in
 * the order, that {@link WireFormat} writes for its kind; a frame a client sends is a request the rules accept.
 */
class ProtocolDocTest {

    private static final Pattern STRING_FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");
    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");

    @Test
    void every_server_frame_in_the_guide_has_the_fields_the_server_writes() throws IOException {
        var edited = new RoomMessage("dev", 1, Message.chat(ALICE, "hi", NOW))
                .amendedBy(101, Message.edit(ALICE, 1, "hi!", NOW))
                .amendedBy(102, Message.reaction(ALICE, 1, ":+1:", true, NOW));
        var written = Map.ofEntries(
                Map.entry("chat", List.of(keys(WireFormat.encode(new RoomMessage("dev", 1, Message.chat(ALICE, "hi", NOW))).text()),
                        keys(WireFormat.encode(new RoomMessage("dev", 1, Message.chat(ALICE, "hi", NOW)), new Nonce("n")).text()),
                        keys(WireFormat.encode(edited).text()),
                        keys(WireFormat.encode(edited.amendedBy(103, Message.delete(ALICE, 1, NOW))).text()))),
                written("join", WireFormat.encode(new RoomMessage("dev", 1, Message.joined(ALICE, NOW)))),
                written("leave", WireFormat.encode(new RoomMessage("dev", 1, Message.left(ALICE, NOW)))),
                written("system", WireFormat.encode(new RoomMessage("dev", 1, Message.system("s", NOW)))),
                written("direct", WireFormat.encode(new DirectMessage("bob", Message.direct(ALICE, "x", NOW)))),
                Map.entry("presence", List.of(keys(WireFormat.presence("dev", 1, List.of(ALICE), null).text()),
                        keys(WireFormat.presence("dev", 1, List.of(ALICE), null, new WireFormat.Reading(1, 0, 1)).text()),
                        keys(WireFormat.presence("dev", 1, List.of(ALICE), true, new WireFormat.Reading(1, 0, 1)).text()))),
                written("error", WireFormat.encode(new Rejection(ErrorCode.TYPE_REQUIRED, "m"))),
                written("expiring", WireFormat.expiring(NOW)),
                written("refreshed", WireFormat.refreshed(NOW)),
                written("typing", WireFormat.typing("dev", ALICE)),
                written("edit", WireFormat.encode(new RoomMessage("dev", 2, Message.edit(ALICE, 1, "x", NOW)))),
                written("delete", WireFormat.encode(new RoomMessage("dev", 2, Message.delete(ALICE, 1, NOW)))),
                written("reaction", WireFormat.encode(new RoomMessage("dev", 2, Message.reaction(ALICE, 1, ":x:", true, NOW)))));
        var checked = 0;
        for (var frame : frames()) {
            if (sentByServer(frame)) {
                var type = field(frame, "type");
                assertTrue(written.get(type).contains(keys(frame)), frame + " has none of the shapes " + written.get(type));
                if (type.equals("error")) {
                    var code = field(frame, "code");
                    assertTrue(Arrays.stream(ErrorCode.values()).anyMatch(c -> c.wireCode().equals(code)), frame);
                }
                checked++;
            }
        }
        assertTrue(checked >= 10, "the guide shows only " + checked + " server frames");
    }

    /** A refresh is the transport's to verify, with the token it carries; the hub takes every other request. */
    @Test
    void every_client_frame_in_the_guide_is_a_request_the_server_accepts() throws IOException {
        var checked = 0;
        for (var frame : frames()) {
            if (!sentByServer(frame) && field(frame, "type").equals(FrameType.REFRESH.wireName())) {
                assertEquals(List.of("type", "token"), keys(frame), frame);
                checked++;
            } else if (!sentByServer(frame)) {
                var message = new ClientMessage(field(frame, "type"), field(frame, "content"), field(frame, "room"),
                        field(frame, "to"), field(frame, "since"), null, field(frame, "id"), field(frame, "emoji"),
                        field(frame, "nonce"));
                assertInstanceOf(Checked.Accepted.class, message.check(), frame);
                checked++;
            }
        }
        assertTrue(checked >= 6, "the guide shows only " + checked + " client frames");
    }

    /** A client never sends a timestamp, and only the server sends the types a client may not. */
    private static boolean sentByServer(String frame) {
        return frame.contains("\"timestamp\"") || frame.contains("\"code\"")
                || !FrameType.fromWireName(field(frame, "type")).orElseThrow().clientMaySend();
    }

    /** The complete frames in the guide; an elided one, with "..." among its fields, is left out. */
    private static List<String> frames() throws IOException {
        var guide = Files.readString(Path.of("..", "docs", "protocol.md"));
        var frames = new ArrayList<String>();
        for (int start = guide.indexOf("{\"type\":"); start >= 0; start = guide.indexOf("{\"type\":", start + 1)) {
            int depth = 0;
            int end = start;
            do {
                char c = guide.charAt(end++);
                depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
            } while (depth > 0 && end < guide.length());
            var frame = guide.substring(start, end);
            if (!frame.contains(",...") && !frame.contains("...}")) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The names of the object's own fields, in order. */
    /** The one shape of a kind of frame. */
    private static Map.Entry<String, List<List<String>>> written(String type, EncodedMessage example) {
        return Map.entry(type, List.of(keys(example.text())));
    }

    private static List<String> keys(String json) {
        var keys = new ArrayList<String>();
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '"') {
                int close = json.indexOf('"', i + 1);
                if (depth == 1 && json.charAt(close + 1) == ':') {
                    keys.add(json.substring(i + 1, close));
                }
                i = close;
            }
        }
        return keys;
    }

    private static String field(String json, String name) {
        var fields = STRING_FIELD.matcher(json);
        while (fields.find()) {
            if (fields.group(1).equals(name)) {
                return fields.group(2);
            }
        }
        return null;
    }
}
