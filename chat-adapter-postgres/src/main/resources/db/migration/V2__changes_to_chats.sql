-- Edits, deletions and reactions: an amending message names its target; a chat keeps when it was last edited and
-- whether it was deleted (its content then erased), and the id of the last change applied to it; each reaction is
-- a row, one per user and emoji.
ALTER TABLE messages ADD COLUMN target BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN edited_at_millis BIGINT;
ALTER TABLE messages ADD COLUMN deleted SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- The pages people read leave the changes out: they show the chats as they are now.
CREATE INDEX messages_shown ON messages (room, id) WHERE target = 0;

CREATE TABLE reactions (
    room TEXT NOT NULL,
    target BIGINT NOT NULL,
    emoji TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (room, target, emoji, user_id)
);
