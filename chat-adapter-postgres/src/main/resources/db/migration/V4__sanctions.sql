-- Bans and mutes imposed through the server API: one of each kind per user at most; no end is until lifted.
CREATE TABLE sanctions (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    until_millis BIGINT,
    reason TEXT NOT NULL,
    at_millis BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);
