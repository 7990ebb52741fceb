package dev.chat.domain;

/** Lengths as people count them: in Unicode code points, so one emoji is one character. */
final class Text {

    private Text() {}

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static boolean isMissing(String text) {
        return text == null || text.isBlank();
    }
}
