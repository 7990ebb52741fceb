package dev.chat.archfixture.hub;

import dev.chat.archfixture.adapter.javalin.SocketAdapter;
import dev.chat.archfixture.sql.SharedWriter;
import jakarta.servlet.http.HttpServletRequest;

/** Broken on purpose: a hub that reads servlet requests, calls an adapter, and writes with the adapters' SQL. */
public final class LeakyHub {

    public String userOf(HttpServletRequest request) {
        return request.getParameter("userId");
    }

    public void forward(SocketAdapter adapter) {
        adapter.deliver(this);
    }

    public void keep(SharedWriter writer) {
        writer.write("a message");
    }
}
