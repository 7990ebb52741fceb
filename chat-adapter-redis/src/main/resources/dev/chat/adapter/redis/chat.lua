-- Every change the cluster makes, one script so that each change is atomic: a message is numbered, kept in its
-- room's bounded history and published to every node in one step, and a join or leave is recorded and announced in
-- the same step. ARGV[1] names the operation, ARGV[2] the node asking; the rest are the operation's own.
--
-- Keys are built here from room and user names, so each step runs on one Redis server, not a Redis Cluster. With
-- several servers, each room lives whole on one (its numbering, history, presence and channel), and each user's
-- connections and marks on one: an operation on a room or a user runs where that lives. Each server keeps its own
-- list of live nodes, room counts, online users and each node's holdings of its rooms and users. Presence: each node's set lists what it holds ("room\0user", room '' for being connected at all);
-- each room counts, per user, the nodes that hold the user there. A user joins when the count goes from 0 to 1 and
-- leaves when it goes back to 0, whichever node and however many connections; each user's set lists the nodes it
-- is connected to.
--
-- Channels: a room's messages go to the room's channel, which the nodes with members in the room follow, and to the
-- channel of the node that published them, which keeps them; a direct message goes to the channels of the nodes its
-- sender and recipient are connected to, and of the node that sent it on, which counts it.

local P = 'chat:'
local ROOMS = P .. 'rooms'
local ONLINE = P .. 'online'

local op = ARGV[1]
local node = ARGV[2]

-- Redis's clock, in milliseconds.
local function now_millis()
    local time = redis.call('TIME')
    return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- A node stops waiting for Redis after its command timeout and tells the sender its message was refused. A script
-- that reaches Redis after the deadline the node gave it (it waited in a partitioned connection) must therefore
-- not publish after all.
local function too_late(deadline)
    if now_millis() > tonumber(deadline) then
        return redis.error_reply('arrived after its deadline ' .. deadline .. ': its node stopped waiting')
    end
    return nil
end

local function room_key(room, part)
    return P .. 'room:{' .. room .. '}:' .. part
end

local function here_key(of)
    return P .. 'node:' .. of .. ':here'
end

local function node_channel(of)
    return P .. 'node:' .. of .. ':bus'
end

local function nodes_of(user)
    return P .. 'user:{' .. user .. '}:nodes'
end

local function users_key(room)
    if room == '' then
        return ONLINE
    end
    return room_key(room, 'users')
end

-- A changed message of a room's history: its body as it is now in the room's 'now' hash, its id in the 'changed'
-- sorted set, which the history's readers merge over the stream. Changes to messages the stream has trimmed away
-- (ids up to floor) are forgotten.
local function keep(room, id, body, floor)
    local changed = room_key(room, 'changed')
    redis.call('HSET', room_key(room, 'now'), id, body)
    redis.call('ZADD', changed, id, id)
    local gone = redis.call('ZRANGEBYSCORE', changed, '-inf', floor)
    if #gone > 0 then
        redis.call('HDEL', room_key(room, 'now'), unpack(gone))
        redis.call('ZREMRANGEBYSCORE', changed, '-inf', floor)
    end
end

-- The body of a message of the room's history as it is now, or nil if the history no longer has it.
local function body_now(room, id)
    local body = redis.call('HGET', room_key(room, 'now'), id)
    if body then
        return body
    end
    local entry = redis.call('XRANGE', room_key(room, 'history'), id .. '-1', id .. '-1')
    if #entry == 0 then
        return nil
    end
    return entry[1][2][2]
end

-- Applies an edit, deletion or reaction (numbered id) to the chat it targets. A deletion takes the chat's text, and
-- the text of every edit of it, out of the stream (XDEL) and keeps them with their text erased in 'now'.
local function amend(room, id, message, floor)
    local target = message.target
    local body = body_now(room, target)
    if not body then
        return
    end
    local chat = cjson.decode(body)
    if chat.type ~= 'CHAT' or chat.deleted then
        return
    end
    local history = room_key(room, 'history')
    if message.type == 'EDIT' then
        chat.content = message.content
        chat.editedAt = message.ts
        chat.edits = chat.edits or {}
        table.insert(chat.edits, id)
    elseif message.type == 'DELETE' then
        chat.content = ''
        chat.deleted = true
        chat.reactions = nil
        redis.call('XDEL', history, target .. '-1')
        for _, edit in ipairs(chat.edits or {}) do
            local edited = body_now(room, edit)
            if edited then
                local erased = cjson.decode(edited)
                erased.content = ''
                redis.call('XDEL', history, edit .. '-1')
                keep(room, edit, cjson.encode(erased), floor)
            end
        end
        chat.edits = nil
    else
        chat.reactions = chat.reactions or {}
        local users = chat.reactions[message.content] or {}
        if message.type == 'REACT' then
            users[message.userId] = true
        else
            users[message.userId] = nil
        end
        if next(users) == nil then
            chat.reactions[message.content] = nil
        else
            chat.reactions[message.content] = users
        end
        if next(chat.reactions) == nil then
            chat.reactions = nil
        end
    end
    chat.revision = id
    keep(room, target, cjson.encode(chat), floor)
end

-- Numbers the message in its room (from origin, a number from the clock, when the room has no number: ids never
-- go back even if Redis lost its data), keeps it, and publishes it prefixed with its node and id.
local function publish(origin, maxlen, room, message)
    local offset = room_key(room, 'offset')
    if redis.call('EXISTS', offset) == 0 then
        redis.call('SET', offset, origin)
    end
    local number = redis.call('INCR', offset)
    -- Lua numbers are doubles: concatenated as they are, ids past 1e14 would turn into 1.7e+15.
    local id = string.format('%.0f', number)
    message.room = room
    local body = cjson.encode(message)
    redis.call('XADD', room_key(room, 'history'), 'MAXLEN', maxlen, id .. '-1', 'm', body)
    if message.target then
        amend(room, id, message, number - tonumber(maxlen))
    end
    local frame = 'R ' .. node .. ' ' .. id .. ' ' .. body
    redis.call('PUBLISH', room_key(room, 'bus'), frame)
    redis.call('PUBLISH', node_channel(node), frame)
    return number
end

-- True if this was the user's first hold on the room on any node.
local function hold(of, room, user, name)
    if redis.call('SADD', here_key(of), room .. '\0' .. user) == 0 then
        return false
    end
    local first = redis.call('HINCRBY', users_key(room), user, 1) == 1
    if room == '' then
        redis.call('SADD', nodes_of(user), of)
    else
        redis.call('HSET', room_key(room, 'names'), user, name)
        if first then
            redis.call('HINCRBY', ROOMS, room, 1)
        end
    end
    return first
end

-- The user's name if this was the user's last hold on the room on any node; nil otherwise.
local function release(of, room, user)
    if redis.call('SREM', here_key(of), room .. '\0' .. user) == 0 then
        return nil
    end
    if room == '' then
        redis.call('SREM', nodes_of(user), of)
    end
    local key = users_key(room)
    if redis.call('HINCRBY', key, user, -1) > 0 then
        return nil
    end
    redis.call('HDEL', key, user)
    if room == '' then
        return ''
    end
    local names = room_key(room, 'names')
    local name = redis.call('HGET', names, user) or user
    redis.call('HDEL', names, user)
    if redis.call('HINCRBY', ROOMS, room, -1) <= 0 then
        redis.call('HDEL', ROOMS, room)
    end
    return name
end

-- Some of the room's users, at most max, as a flat list of id, name, id, name...
local function shown(room, max)
    local names = room_key(room, 'names')
    if redis.call('HLEN', names) <= max then
        return redis.call('HGETALL', names)
    end
    local found = {}
    local cursor = '0'
    repeat
        local page = redis.call('HSCAN', names, cursor, 'COUNT', max)
        cursor = page[1]
        for i = 1, #page[2], 2 do
            if #found >= 2 * max then
                return found
            end
            found[#found + 1] = page[2][i]
            found[#found + 1] = page[2][i + 1]
        end
    until cursor == '0'
    return found
end

local function presence(type, user, name, at)
    return { type = type, userId = user, username = name, ts = at }
end

-- A join or leave in a room over the presence limit goes into the room's tally, which one node at a time sums up:
-- the node that claims the tally (true) announces it after the presence interval; the others add to it (false). A
-- node that stops with a claim leaves the tally to the next node to add to it once the claim has lapsed.
local function tally(room, kind, claim_millis)
    redis.call('HINCRBY', room_key(room, 'tally'), kind, 1)
    return redis.call('SET', room_key(room, 'summariser'), node, 'NX', 'PX', claim_millis) ~= false
end

-- Replaces what the cluster holds for a node with what is listed (user, name, room triples from ARGV[from] on),
-- announcing each change: on its own in a room within the limit, as one summary per room above it.
local function replace(of, origin, maxlen, limit, at, from)
    local wanted = {}
    local names = {}
    for i = from, #ARGV, 3 do
        local entry = ARGV[i + 2] .. '\0' .. ARGV[i]
        wanted[entry] = true
        names[entry] = ARGV[i + 1]
    end
    local changes = {}
    local order = {}
    local function note(room, kind, user, name)
        if room == '' then
            return
        end
        if not changes[room] then
            changes[room] = { joined = {}, left = {} }
            order[#order + 1] = room
        end
        table.insert(changes[room][kind], { user, name })
    end
    for _, entry in ipairs(redis.call('SMEMBERS', here_key(of))) do
        if not wanted[entry] then
            local split = string.find(entry, '\0', 1, true)
            local room, user = string.sub(entry, 1, split - 1), string.sub(entry, split + 1)
            local name = release(of, room, user)
            if name then
                note(room, 'left', user, name)
            end
        end
    end
    for entry in pairs(wanted) do
        local split = string.find(entry, '\0', 1, true)
        local room, user = string.sub(entry, 1, split - 1), string.sub(entry, split + 1)
        if hold(of, room, user, names[entry]) then
            note(room, 'joined', user, names[entry])
        end
    end
    for _, room in ipairs(order) do
        local change = changes[room]
        local users = redis.call('HLEN', room_key(room, 'users'))
        if users + #change.left <= limit then
            for _, who in ipairs(change.left) do
                publish(origin, maxlen, room, presence('LEAVE', who[1], who[2], at))
            end
            for _, who in ipairs(change.joined) do
                publish(origin, maxlen, room, presence('JOIN', who[1], who[2], at))
            end
        else
            publish(origin, maxlen, room, { type = 'SUMMARY', joined = #change.joined, left = #change.left, ts = at })
        end
    end
    return #order
end

if op == 'post' then
    -- origin, maxlen, room, type, userId, username, content, ts, deadline, target ('' if none), nonce ('' if none),
    -- nonce window millis. A nonce the user posted in the room within the window is a repeat: nothing is published,
    -- and the id it named comes back negated.
    local late = too_late(ARGV[11])
    if late then
        return late
    end
    local message = { type = ARGV[6], userId = ARGV[7], username = ARGV[8], content = ARGV[9], ts = ARGV[10] }
    if ARGV[12] ~= '' then
        message.target = ARGV[12]
    end
    local tagged = nil
    if ARGV[13] ~= '' and ARGV[14] ~= '0' then
        tagged = room_key(ARGV[5], 'nonce:' .. ARGV[7] .. '\0' .. ARGV[13])
        local posted = redis.call('GET', tagged)
        if posted then
            return -tonumber(posted)
        end
        message.nonce = ARGV[13]
    end
    local number = publish(ARGV[3], ARGV[4], ARGV[5], message)
    if tagged then
        redis.call('SET', tagged, string.format('%.0f', number), 'PX', ARGV[14])
    end
    return number
end

if op == 'enter' then
    -- origin, maxlen, limit, room, userId, username, ts, claim millis
    local limit, room, user, name = tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[8]
    local change = 'NONE'
    if hold(node, room, user, name) then
        if redis.call('HLEN', users_key(room)) <= limit then
            publish(ARGV[3], ARGV[4], room, presence('JOIN', user, name, ARGV[9]))
            change = 'ANNOUNCED'
        elseif tally(room, 'joined', ARGV[10]) then
            change = 'TO_SUMMARISE'
        end
    end
    return { change, redis.call('HLEN', users_key(room)), shown(room, math.max(limit, 1)) }
end

if op == 'leave' then
    -- origin, maxlen, limit, room, userId, ts, claim millis
    local limit, room, user = tonumber(ARGV[5]), ARGV[6], ARGV[7]
    local before = redis.call('HLEN', users_key(room))
    local name = release(node, room, user)
    if not name then
        return 'NONE'
    end
    if before <= limit or before == 1 then
        publish(ARGV[3], ARGV[4], room, presence('LEAVE', user, name, ARGV[8]))
        return 'ANNOUNCED'
    end
    if tally(room, 'left', ARGV[9]) then
        return 'TO_SUMMARISE'
    end
    return 'NONE'
end

if op == 'summarise' then
    -- origin, maxlen, room, ts: the room's tally in one summary, and the tally cleared; nothing if it is empty
    local room = ARGV[5]
    local counts = redis.call('HGETALL', room_key(room, 'tally'))
    redis.call('DEL', room_key(room, 'tally'), room_key(room, 'summariser'))
    local summary = { type = 'SUMMARY', joined = 0, left = 0, ts = ARGV[6] }
    for i = 1, #counts, 2 do
        summary[counts[i]] = tonumber(counts[i + 1])
    end
    if summary.joined + summary.left == 0 then
        return 0
    end
    return publish(ARGV[3], ARGV[4], room, summary)
end

if op == 'online' then
    -- userId
    hold(node, '', ARGV[3], '')
    return 1
end

if op == 'offline' then
    release(node, '', ARGV[3])
    return 1
end

if op == 'unread' then
    -- room, userId, afterId, cap: the chats of others after afterId, counted back from the newest up to cap. A
    -- deleted chat is out of the stream already; only the chats are decoded, to compare their author.
    local history, user, after, cap = room_key(ARGV[3], 'history'), ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
    local from = string.format('%.0f', after + 1) .. '-0'
    local upto, count = '+', 0
    while true do
        local page = redis.call('XREVRANGE', history, upto, from, 'COUNT', 200)
        for _, entry in ipairs(page) do
            local body = entry[2][2]
            if string.find(body, '"type":"CHAT"', 1, true) and cjson.decode(body).userId ~= user then
                count = count + 1
                if count == cap then
                    return count
                end
            end
        end
        if #page < 200 then
            return count
        end
        local last = tonumber(string.match(page[#page][1], '^(%d+)-'))
        if last <= after + 1 then
            return count
        end
        upto = string.format('%.0f', last - 1) .. '-1'
    end
end

if op == 'read' then
    -- user, room, id: raises the user's read mark in the room to id if it is higher; 1 if it rose
    local marks = P .. 'reads:{' .. ARGV[3] .. '}'
    local kept = redis.call('HGET', marks, ARGV[4])
    if kept and tonumber(kept) >= tonumber(ARGV[5]) then
        return 0
    end
    redis.call('HSET', marks, ARGV[4], ARGV[5])
    return 1
end

if op == 'direct' then
    -- to, userId, username, content, ts, deadline, then the sender's nodes if another server keeps the sender. Run
    -- where the recipient is kept.
    local late = too_late(ARGV[8])
    if late then
        return late
    end
    if redis.call('HEXISTS', ONLINE, ARGV[3]) == 0 then
        return 0
    end
    local frame = 'D ' .. node .. ' ' .. cjson.encode({ type = 'DIRECT', to = ARGV[3],
        userId = ARGV[4], username = ARGV[5], content = ARGV[6], ts = ARGV[7] })
    local told = { [node] = true }
    redis.call('PUBLISH', node_channel(node), frame)
    local nodes = redis.call('SUNION', nodes_of(ARGV[3]), nodes_of(ARGV[4]))
    for i = 9, #ARGV do
        nodes[#nodes + 1] = ARGV[i]
    end
    for _, of in ipairs(nodes) do
        if not told[of] then
            told[of] = true
            redis.call('PUBLISH', node_channel(of), frame)
        end
    end
    return 1
end

if op == 'beat' then
    -- ttl millis, now millis: whether the node was still known alive, and Redis's clock
    local alive = redis.call('EXISTS', P .. 'node:' .. node)
    redis.call('SET', P .. 'node:' .. node, '1', 'PX', ARGV[3])
    redis.call('ZADD', P .. 'nodes', ARGV[4], node)
    return { alive, now_millis() }
end

if op == 'resync' then
    -- origin, maxlen, limit, ts, then userId, username, room triples
    return replace(node, ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], 7)
end

if op == 'reap' then
    -- origin, maxlen, limit, ts, the node to reap: only once it stopped beating, or by itself as it stops
    local dead = ARGV[7]
    if dead ~= node and redis.call('EXISTS', P .. 'node:' .. dead) == 1 then
        return -1
    end
    redis.call('DEL', P .. 'node:' .. dead)
    redis.call('ZREM', P .. 'nodes', dead)
    redis.call('HDEL', P .. 'reports', dead)
    local rooms = replace(dead, ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], 8)
    redis.call('DEL', here_key(dead))
    return rooms
end

return redis.error_reply('unknown operation ' .. tostring(op))
