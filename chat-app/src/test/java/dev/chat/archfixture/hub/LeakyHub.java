package dev.chat.archfixture.hub;

import dev.chat.archfixture.adapter.javalin.SocketAdapter;
import jakarta.servlet.http.HttpServletRequest;

/** Broken on purpose: a hub that reads servlet requests and calls an adapter. */
public final class LeakyHub {

    public String userOf(HttpServletRequest request) {
        return request.getParameter("userId");
    }

    public void forward(SocketAdapter adapter) {
        adapter.deliver(this);
    }
}
