package dev.chat.archfixture.sql;

/** What the SQL adapters share, in the broken hexagon. */
public final class SharedWriter {

    public void write(String row) {
        if (row.isEmpty()) {
            throw new IllegalArgumentException("a row has something in it");
        }
    }
}
