package dev.chat.domain;

/** Lengths as people count them (in Unicode code points, so one emoji is one character), and text fit for a log. */
public final class Text {

    private Text() {}

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    public static boolean isMissing(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Text a client chose, made safe to put in a log line: line breaks and other control characters become
     * Unicode escapes such as {@code \\u000a}, so no input can end the line and forge another.
     */
    public static String loggable(String text) {
        if (text == null) {
            return "null";
        }
        var safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
