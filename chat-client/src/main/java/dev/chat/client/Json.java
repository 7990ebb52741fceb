package dev.chat.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the chat's frames, so that the library needs nothing but the JDK: it reads any JSON value
 * (objects as maps in their order, arrays as lists, numbers as doubles or longs) and writes flat objects of strings.
 */
final class Json {

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** The value the text holds; an {@link IllegalArgumentException} if it is not exactly one JSON value. */
    static Object parse(String text) {
        var reader = new Json(text);
        var value = reader.value();
        reader.space();
        if (reader.at != text.length()) {
            throw reader.error("text after the value");
        }
        return value;
    }

    /** A flat object of string fields, in the order given; null values are left out. */
    static String object(Map<String, String> fields) {
        var json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (value != null) {
                if (json.length() > 1) {
                    json.append(',');
                }
                quote(json, name);
                json.append(':');
                quote(json, value);
            }
        });
        return json.append('}').toString();
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        var object = new LinkedHashMap<String, Object>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return object;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("a field name");
            }
            var name = string();
            space();
            expect(':');
            object.put(name, value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private List<Object> array() {
        var array = new ArrayList<Object>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return array;
        }
        while (true) {
            array.add(value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return array;
            }
        }
    }

    private String string() {
        var string = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return string.toString();
            }
            if (c != '\\') {
                string.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> string.append(escaped);
                case 'b' -> string.append('\b');
                case 'f' -> string.append('\f');
                case 'n' -> string.append('\n');
                case 'r' -> string.append('\r');
                case 't' -> string.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("four hex digits");
                    }
                    string.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw error("an escape");
            }
        }
        throw error("the end of a string");
    }

    private Object number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        var number = text.substring(start, at);
        try {
            return number.contains(".") || number.contains("e") || number.contains("E") ? Double.valueOf(number)
                    : (Object) Long.valueOf(number);
        } catch (NumberFormatException e) {
            throw error("a value");
        }
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("a value");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("not JSON: expected " + expected + " at " + at);
    }
}
