package dev.chat.adapter.javalin;

/** The shapes of the JSON only this adapter writes; everything else is the protocol's {@code WireFormat}. */
final class JsonBodies {

    private JsonBodies() {}

    record Health(String status, int clients, String storage) {}
}
