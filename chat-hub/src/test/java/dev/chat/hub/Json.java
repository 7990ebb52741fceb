package dev.chat.hub;

import java.util.regex.Pattern;

/** Reads one string field out of the hub's flat JSON, enough for tests to check what arrived. */
final class Json {

    private Json() {}

    static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }
}
