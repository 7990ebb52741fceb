package dev.chat.sql;

/**
 * What a database says differently: the two upserts. Everything else the store runs is standard SQL.
 *
 * @param insertMessage keeps one message, a repeated one changing nothing: the columns room, id, type, user_id,
 *                      username, content, at_millis and target, in that order
 * @param markClean     sets the meta row {@code closed_cleanly} to its one parameter, {@code yes} or {@code no}
 */
public record SqlDialect(String insertMessage, String markClean) {}
