package dev.chat.domain;

/** What a reaction may be: a short token of 1 to 32 characters with no whitespace or control characters. */
public final class Emoji {

    public static final int MAX_LENGTH = 32;

    private Emoji() {}

    /**
     * Not only pictographs: a custom token such as {@code :shipit:} is as good, and whatever the client shows is text
     * like any other, never markup.
     */
    public static Checked<String> check(String emoji) {
        if (emoji == null || emoji.isEmpty() || Text.length(emoji) > MAX_LENGTH || !Text.isPlainName(emoji)
                || emoji.codePoints().anyMatch(Character::isWhitespace) || emoji.codePoints().anyMatch(Emoji::isSpace)) {
            return Checked.rejected(ErrorCode.INVALID_EMOJI, "emoji must be 1 to " + MAX_LENGTH
                    + " characters with no spaces or control characters, such as \"\uD83D\uDC4D\"");
        }
        return Checked.accepted(emoji);
    }

    /** No-break spaces are not whitespace to {@link Character#isWhitespace}, but they are blank to a reader. */
    private static boolean isSpace(int codePoint) {
        return Character.isSpaceChar(codePoint);
    }
}
