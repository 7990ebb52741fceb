package dev.chat.domain;

/** Lengths as people count them: in Unicode code points, so one emoji is one character. */
public final class Text {

    private Text() {}

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    public static boolean isMissing(String text) {
        return text == null || text.isBlank();
    }
}
