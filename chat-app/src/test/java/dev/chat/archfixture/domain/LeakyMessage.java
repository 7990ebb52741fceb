package dev.chat.archfixture.domain;

import io.javalin.http.Context;

/** Broken on purpose: a domain type that knows about Javalin. */
public record LeakyMessage(String content, Context request) {}
