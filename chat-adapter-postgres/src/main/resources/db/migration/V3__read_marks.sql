-- How far each user has read each room: the id of the last message it marked read, which only rises.
CREATE TABLE read_marks (
    user_id TEXT NOT NULL,
    room TEXT NOT NULL,
    last_read BIGINT NOT NULL,
    PRIMARY KEY (user_id, room)
);
