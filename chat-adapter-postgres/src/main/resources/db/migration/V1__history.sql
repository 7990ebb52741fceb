CREATE TABLE messages (
    room TEXT NOT NULL,
    id BIGINT NOT NULL,
    type TEXT NOT NULL,
    user_id TEXT NOT NULL,
    username TEXT NOT NULL,
    content TEXT NOT NULL,
    at_millis BIGINT NOT NULL,
    PRIMARY KEY (room, id)
);

CREATE INDEX messages_by_user ON messages (user_id, type, at_millis, room, id);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
