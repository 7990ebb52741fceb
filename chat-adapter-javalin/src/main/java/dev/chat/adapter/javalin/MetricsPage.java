package dev.chat.adapter.javalin;

/** A page of metrics in a monitoring system's text format, such as Prometheus's, rendered when it is asked for. */
public interface MetricsPage {

    /** The media type of {@link #render()}, with its version and charset. */
    String contentType();

    String render();
}
