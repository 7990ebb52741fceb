package dev.chat.domain;

/** What a client may ask the hub to do, once its message has passed every check. */
public sealed interface Request {

    /** Say something to everyone. */
    record Chat(String content) implements Request {}
}
