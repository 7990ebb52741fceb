package dev.chat.archfixture.adapter.javalin;

import dev.chat.archfixture.adapter.other.OtherAdapter;
import dev.chat.archfixture.hub.LeakyHub;

/** Broken on purpose: an adapter that reaches into the hub implementation and into another adapter. */
public final class SocketAdapter {

    public void deliver(LeakyHub hub) {
        new OtherAdapter().relay(hub.toString());
    }
}
