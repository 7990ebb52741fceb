package dev.chat.archfixture.adapter.other;

/** A second adapter, for the rule that adapters stay independent. */
public final class OtherAdapter {

    public String relay(String text) {
        return text;
    }
}
