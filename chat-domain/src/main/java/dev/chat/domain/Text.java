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

    /** Whether every surrogate is half of a pair, so that the text can be written in UTF-8 as it is. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a name shows what it is: well-formed, with no control characters (line breaks, escapes) and none of
     * the characters that reorder the text around them (bidirectional embeddings, overrides, isolates and marks),
     * which would let a name such as "Alice" followed by U+202E and "etalp" read as another name.
     */
    public static boolean isPlainName(String text) {
        return isWellFormed(text) && text.codePoints().noneMatch(Text::deceives);
    }

    private static boolean deceives(int codePoint) {
        return Character.isISOControl(codePoint)
                || codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || codePoint >= 0x202A && codePoint <= 0x202E
                || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint == 0x2028 || codePoint == 0x2029;
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
