// The chat server's client for browsers (and any runtime with a WebSocket): one ES module, no dependencies.
// Types: chat.d.ts beside it. Guide: docs/client.md.

/** Close codes after which the client connects again: the server went, restarts, or dropped a slow reader. */
export const RETRY_CODES = new Set([1001, 1006, 1011, 1012, 1013, 1014, 4008]);

/** The server closed because the token ran out: worth a retry only with a token that can be fetched again. */
export const TOKEN_EXPIRED = 4001;

/** Whether a close with this code is one to reconnect after; every other code means stop. */
export function shouldRetry(code, tokenRenewable) {
  return code === TOKEN_EXPIRED ? tokenRenewable : RETRY_CODES.has(code);
}

/**
 * How long to wait before reconnect attempt number `attempt` (0 first): "full jitter", a random wait between 0 and
 * base * 2^attempt, capped, so that clients dropped together do not come back together.
 */
export function backoff(attempt, { base = 500, cap = 15000, random = Math.random } = {}) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** The last id seen in each room: a message is new only if its id is higher, so each is handed on once. */
export class Cursor {
  #last = new Map();

  /** True if the message is new in its room, and remembers it; false for a repeat. */
  advance(room, id) {
    const numeric = Number(id);
    if (numeric <= (this.#last.get(room) ?? 0)) {
      return false;
    }
    this.#last.set(room, numeric);
    return true;
  }

  since(room) {
    return this.#last.get(room);
  }

  forget(room) {
    this.#last.delete(room);
  }
}

/** The token's subject, read (not verified: the server does that) to tell this client's own echoes. */
export function subjectOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub;
  } catch {
    return undefined;
  }
}

/**
 * The chat as a change leaves it: an edit, delete or reaction frame whose target is the chat's id. A change at or
 * below the chat's revision is in it already (a resume sends chats as they are now, followed by the changes that
 * made them so), and a deleted chat takes no more: either way the chat comes back as it was.
 */
export function applied(chat, change) {
  if (Number(change.id) <= Number(chat.revision ?? 0) || chat.deleted) {
    return chat;
  }
  const revision = change.id;
  if (change.type === 'edit') {
    return { ...chat, content: change.content, editedAt: change.timestamp, revision };
  }
  if (change.type === 'delete') {
    const { content, editedAt, reactions, ...kept } = chat;
    return { ...kept, deleted: true, revision };
  }
  if (change.type === 'reaction') {
    // No prototype: an emoji such as "__proto__" is a key like any other.
    const reactions = Object.assign(Object.create(null), chat.reactions);
    const count = (reactions[change.emoji] ?? 0) + (change.op === 'add' ? 1 : -1);
    if (count > 0) {
      reactions[change.emoji] = count;
    } else {
      delete reactions[change.emoji];
    }
    return { ...chat, reactions, revision };
  }
  return chat;
}

/**
 * How many chats of others each room has after this user's read mark: the server's count on entering (up to the
 * room's lastId then), plus each chat of another that arrives after that; a read mark of this user's that reaches
 * past lastId clears the server's count, and every one clears the chats it covers.
 */
export class Unread {
  #byRoom = new Map();

  /** A presence that says how far this user has read the room. */
  entered(frame) {
    this.#byRoom.set(frame.room, { lastRead: Number(frame.lastRead), counted: frame.unread,
      upTo: Number(frame.lastId), arrived: new Set() });
  }

  /** A chat arrived; true if it is one more unread. */
  arrived(frame, mine) {
    const room = this.#byRoom.get(frame.room);
    const id = Number(frame.id);
    if (!room || mine || frame.deleted || id <= room.upTo || id <= room.lastRead) {
      return false;
    }
    room.arrived.add(id);
    return true;
  }

  /** A chat was deleted; true if it was unread. */
  deleted(frame) {
    return this.#byRoom.get(frame.room)?.arrived.delete(Number(frame.target)) ?? false;
  }

  /** This user's read mark rose; true if the count changed. */
  read(roomName, id) {
    const room = this.#byRoom.get(roomName);
    if (!room || Number(id) <= room.lastRead) {
      return false;
    }
    const before = this.count(roomName);
    room.lastRead = Number(id);
    if (room.lastRead >= room.upTo) {
      room.counted = 0;
    }
    for (const arrived of room.arrived) {
      if (arrived <= room.lastRead) {
        room.arrived.delete(arrived);
      }
    }
    return this.count(roomName) !== before;
  }

  count(roomName) {
    const room = this.#byRoom.get(roomName);
    return room ? room.counted + room.arrived.size : 0;
  }

  lastRead(roomName) {
    return this.#byRoom.get(roomName)?.lastRead ?? 0;
  }
}

/**
 * A request the server answers in order on one connection: settled by the first frame it matches. One that carries a
 * nonce is sent again after a reconnect, rather than failed: the server posts it at most once.
 */
class Pending {
  constructor(matches, resend = null) {
    this.matches = matches;
    this.resend = resend;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

/** A tag no other send of this client's, or any other's, will carry. */
export function newNonce() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** How often a client says its user is typing, at most, while the user goes on typing: milliseconds. */
export const TYPING_EVERY = 3000;
/** How long another's typing is shown after its last signal: milliseconds. */
export const TYPING_SHOWN = 5000;
/** How often a client sends a read mark per room, at most: the last id asked for meanwhile goes at the end. */
export const READ_EVERY = 1000;

/** Who is typing in each room, from the server's typing frames; each is forgotten TYPING_SHOWN after its last. */
export class Typists {
  #byRoom = new Map();

  /** Someone's typing frame arrived at `at`. */
  saw(frame, at) {
    if (!this.#byRoom.has(frame.room)) {
      this.#byRoom.set(frame.room, new Map());
    }
    this.#byRoom.get(frame.room).set(frame.userId, { username: frame.username, until: at + TYPING_SHOWN });
  }

  /** The user posted in the room, so is done typing: true if it was shown as typing. */
  stopped(room, userId) {
    return this.#byRoom.get(room)?.delete(userId) ?? false;
  }

  /** The usernames shown as typing in the room at `at`, in the order they began. */
  in(room, at) {
    const typists = this.#byRoom.get(room);
    if (!typists) {
      return [];
    }
    for (const [userId, typist] of typists) {
      if (typist.until <= at) {
        typists.delete(userId);
      }
    }
    return [...typists.values()].map((typist) => typist.username);
  }
}

export class ChatClient {
  #options;
  #socket = null;
  #state = 'idle';
  #handlers = new Map();
  #cursor = new Cursor();
  #rooms = new Set();
  #pending = [];
  #attempt = 0;
  #timer = null;
  #opened = null;
  #closedByUs = false;
  #me = undefined;
  #typists = new Typists();
  #unread = new Unread();
  #readSent = new Map();
  #readWaiting = new Map();
  #typingSent = new Map();

  /**
   * @param options.url      the ws:// or wss:// address of /ws
   * @param options.userId   and options.username: who to be where the server does not verify identities
   * @param options.token    a string, or a function returning one (or a promise of one), asked again before every
   *                         reconnect and when the server says the token is expiring
   * @param options.room     the first room (default: the server's, "global")
   * @param options.backoff  { base, cap } in milliseconds for reconnects (default 500 and 15 000)
   * @param options.WebSocket  the WebSocket class to use (default: the global one)
   */
  constructor(options) {
    this.#options = { room: undefined, backoff: {}, ...options };
    if (this.#options.room) {
      this.#rooms.add(this.#options.room);
    }
  }

  /** connecting, open, reconnecting or closed ("idle" before connect()). */
  get state() {
    return this.#state;
  }

  /** The rooms this client is in, or will be in again once it has reconnected. */
  get rooms() {
    return [...this.#rooms];
  }

  /** Listens to every frame of this type as the server sent it, and to statechange and recovered. */
  on(type, handler) {
    if (!this.#handlers.has(type)) {
      this.#handlers.set(type, new Set());
    }
    this.#handlers.get(type).add(handler);
    return this;
  }

  off(type, handler) {
    this.#handlers.get(type)?.delete(handler);
    return this;
  }

  /** Opens the connection: settles when the first presence arrives, or fails if the server will not have it. */
  connect() {
    if (!this.#opened) {
      this.#closedByUs = false;
      this.#opened = new Pending(() => false);
      this.#open('connecting');
    }
    return this.#opened.promise;
  }

  /** Enters a room, resuming after `since` if given (or after the last message seen there): settles on its presence. */
  subscribe(room, { since } = {}) {
    this.#rooms.add(room);
    const after = since ?? this.#cursor.since(room);
    return this.#request({ type: 'subscribe', room, ...(after ? { since: String(after) } : {}) },
      (frame) => frame.type === 'presence' && frame.room === room);
  }

  /** Leaves a room. The server does not answer a leave, so this settles once it is sent. */
  unsubscribe(room) {
    if (!this.#rooms.delete(room)) {
      return Promise.reject(new Error(`not in room '${room}'`));
    }
    this.#cursor.forget(room);
    this.#write({ type: 'unsubscribe', room });
    return Promise.resolve();
  }

  /**
   * Posts a chat: settles with the chat as the server numbered and stamped it, or fails with its error frame. It is
   * tagged with a nonce, and sent again with it if the connection drops before the echo: posted once either way.
   */
  send(room, content) {
    const nonce = newNonce();
    return this.#request({ type: 'chat', room, content, nonce },
      (frame) => frame.type === 'chat' && frame.nonce === nonce, { resend: true });
  }

  /** Sends a direct message: settles with it as the server stamped it, or fails with its error frame. */
  direct(userId, content) {
    return this.#request({ type: 'direct', to: userId, content }, (frame) => frame.type === 'direct'
      && frame.to === userId && this.#mine(frame) && frame.content === content);
  }

  /** Edits one of this user's chats: settles with the edit as the server numbered it, or fails with its error. */
  edit(room, id, content) {
    const nonce = newNonce();
    return this.#request({ type: 'edit', room, id: String(id), content, nonce },
      (frame) => frame.type === 'edit' && frame.nonce === nonce, { resend: true });
  }

  /** Deletes a chat (this user's own; an operator's token may delete any): settles with the delete frame. */
  delete(room, id) {
    return this.#change({ type: 'delete', room, id: String(id) }, 'delete');
  }

  /** Adds an emoji to a chat: settles with the reaction frame, or fails (already_reacted if it was added before). */
  react(room, id, emoji) {
    return this.#change({ type: 'react', room, id: String(id), emoji }, 'reaction',
      (frame) => frame.op === 'add' && frame.emoji === emoji);
  }

  /** Takes back this user's emoji: settles with the reaction frame, or fails (not_reacted if there was none). */
  unreact(room, id, emoji) {
    return this.#change({ type: 'unreact', room, id: String(id), emoji }, 'reaction',
      (frame) => frame.op === 'remove' && frame.emoji === emoji);
  }

  /**
   * Marks the room read up to message `id` (a number or the id string of a message); call it for every message the
   * user sees. At most one mark per room goes every READ_EVERY ms, the highest asked for meanwhile at the end of the
   * wait, and only if it raises this user's mark; nothing answers it, but the server's `read` frame updates
   * `unread(room)` on every tab of the user.
   */
  read(room, id) {
    const upTo = Number(id);
    if (this.#state !== 'open' || upTo <= this.#unread.lastRead(room)) {
      return;
    }
    const waiting = this.#readWaiting.get(room);
    if (waiting) {
      waiting.upTo = Math.max(waiting.upTo, upTo);
      return;
    }
    const wait = (this.#readSent.get(room) ?? -Infinity) + READ_EVERY - Date.now();
    if (wait <= 0) {
      this.#sendRead(room, upTo);
      return;
    }
    const later = { upTo };
    later.timer = setTimeout(() => {
      this.#readWaiting.delete(room);
      this.#sendRead(room, later.upTo);
    }, wait);
    this.#readWaiting.set(room, later);
  }

  /** Chats of others in the room after this user's read mark; an "unread" event tells when it changes. */
  unread(room) {
    return this.#unread.count(room);
  }

  /**
   * Says this user is typing in the room; call it on every keystroke: it sends at most one signal every
   * TYPING_EVERY ms per room. Nothing answers it, and it is dropped while not connected.
   */
  typing(room) {
    const now = Date.now();
    if (this.#state === 'open' && !(now - (this.#typingSent.get(room) ?? -Infinity) < TYPING_EVERY)) {
      this.#typingSent.set(room, now);
      this.#write({ type: 'typing', room });
    }
  }

  /** The usernames of the others typing in the room now; a "typists" event tells when this changes. */
  typists(room) {
    return this.#typists.in(room, Date.now());
  }

  /** Closes for good: no reconnect. */
  close() {
    this.#closedByUs = true;
    clearTimeout(this.#timer);
    this.#readWaiting.forEach((waiting) => clearTimeout(waiting.timer));
    this.#readWaiting.clear();
    this.#failPending(new Error('closed'));
    this.#socket?.close(1000, 'bye');
    this.#setState('closed');
  }

  #sendRead(room, upTo) {
    if (this.#state === 'open' && upTo > this.#unread.lastRead(room)) {
      this.#readSent.set(room, Date.now());
      this.#write({ type: 'read', room, id: String(upTo) });
    }
  }

  #change(message, answerType, matchesMore = () => true) {
    return this.#request(message, (frame) => frame.type === answerType && frame.room === message.room
      && frame.target === message.id && this.#mine(frame) && matchesMore(frame));
  }

  /** Where the server picks the userId (none given, no token) only the content can tell an echo. */
  #mine(frame) {
    return this.#me === undefined || frame.userId === this.#me;
  }

  #request(message, matches, { resend = false } = {}) {
    if (this.#state !== 'open') {
      return Promise.reject(new Error(`not connected (${this.#state})`));
    }
    const pending = new Pending(matches, resend ? message : null);
    this.#pending.push(pending);
    this.#write(message);
    return pending.promise;
  }

  #write(message) {
    if (this.#socket?.readyState === 1) {
      this.#socket.send(JSON.stringify(message));
    }
  }

  async #open(state) {
    this.#setState(state);
    let token;
    try {
      token = await this.#token();
    } catch (failure) {
      this.#retryOrStop(1006, `no token: ${failure}`);
      return;
    }
    if (this.#closedByUs) {
      return;
    }
    this.#me = this.#options.userId ?? subjectOf(token);
    const Socket = this.#options.WebSocket ?? globalThis.WebSocket;
    const socket = new Socket(this.#address(token));
    this.#socket = socket;
    socket.onmessage = (event) => this.#received(event.data);
    socket.onclose = (event) => {
      if (this.#socket === socket) {
        this.#socket = null;
        this.#retryOrStop(event.code, event.reason);
      }
    };
  }

  async #token() {
    const token = this.#options.token;
    return typeof token === 'function' ? await token() : token;
  }

  /** The first room, resumed after the last message seen in it; the other rooms follow once connected. */
  #address(token) {
    const url = new URL(this.#options.url);
    const query = url.searchParams;
    if (token) {
      query.set('token', token);
    } else {
      if (this.#options.userId) {
        query.set('userId', this.#options.userId);
      }
      if (this.#options.username) {
        query.set('username', this.#options.username);
      }
    }
    const first = this.#firstRoom();
    if (first) {
      query.set('room', first);
      const since = this.#cursor.since(first);
      if (since) {
        query.set('since', String(since));
      }
    }
    return url.toString();
  }

  #firstRoom() {
    return this.#rooms.values().next().value ?? this.#options.room;
  }

  #received(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame === null || typeof frame !== 'object') {
      return;
    }
    if (frame.room !== undefined && frame.id !== undefined && frame.type !== 'read'
      && !this.#cursor.advance(frame.room, frame.id)) {
      // A resend's answer is the original, which a resume may have handed on already without its nonce.
      if (frame.nonce !== undefined) {
        this.#answer(frame);
      }
      return;
    }
    this.#countUnread(frame);
    if (frame.type === 'presence') {
      this.#presence(frame);
    } else if (frame.type === 'expiring') {
      this.#refresh();
    } else if (frame.type === 'typing') {
      this.#someoneTyping(frame);
    } else if (frame.type === 'chat' && this.#typists.stopped(frame.room, frame.userId)) {
      this.#emitTypists(frame.room);
    }
    this.#answer(frame);
    this.#emit(frame.type, frame);
  }

  #countUnread(frame) {
    if (this.#unreadChanged(frame)) {
      this.#emit('unread', { room: frame.room, unread: this.#unread.count(frame.room),
        lastRead: this.#unread.lastRead(frame.room) });
    }
  }

  #unreadChanged(frame) {
    switch (frame.type) {
      case 'presence':
        if (frame.lastRead === undefined) {
          return false;
        }
        this.#unread.entered(frame);
        return true;
      case 'chat':
        return this.#unread.arrived(frame, this.#mine(frame));
      case 'delete':
        return this.#unread.deleted(frame);
      case 'read':
        return frame.userId === this.#me && this.#unread.read(frame.room, frame.id);
      default:
        return false;
    }
  }

  #someoneTyping(frame) {
    this.#typists.saw(frame, Date.now());
    this.#emitTypists(frame.room);
    setTimeout(() => this.#emitTypists(frame.room), TYPING_SHOWN + 1);
  }

  #emitTypists(room) {
    this.#emit('typists', { room, users: this.typists(room) });
  }

  #presence(frame) {
    if (!this.#rooms.has(frame.room)) {
      this.#rooms.add(frame.room);
    }
    if (frame.recovered !== undefined) {
      this.#emit('recovered', { room: frame.room, recovered: frame.recovered });
    }
    if (this.#state !== 'open') {
      this.#attempt = 0;
      this.#setState('open');
      this.#resubscribeOthers(frame.room);
      this.#resendUnanswered();
      this.#opened?.resolve(frame);
    }
  }

  #resubscribeOthers(first) {
    for (const room of this.#rooms) {
      if (room !== first) {
        this.subscribe(room).catch((failure) => this.#emit('subscribefailed', { room, failure }));
      }
    }
  }

  /** After the rooms: the server takes a connection's frames in order, so each is in its room again by then. */
  #resendUnanswered() {
    this.#pending.filter((pending) => pending.resend).forEach((pending) => this.#write(pending.resend));
  }

  async #refresh() {
    if (typeof this.#options.token !== 'function') {
      return;
    }
    try {
      this.#write({ type: 'refresh', token: await this.#options.token() });
    } catch (failure) {
      this.#emit('refreshfailed', { failure });
    }
  }

  /** The oldest request this frame answers: its own echo, or an error, which answers the oldest of all. */
  #answer(frame) {
    const index = frame.type === 'error' ? 0 : this.#pending.findIndex((pending) => pending.matches(frame));
    if (index < 0 || index >= this.#pending.length) {
      return;
    }
    const [pending] = this.#pending.splice(index, 1);
    if (frame.type === 'error') {
      pending.reject(Object.assign(new Error(frame.message), { code: frame.code, frame }));
    } else {
      pending.resolve(frame);
    }
  }

  #retryOrStop(code, reason) {
    const failure = Object.assign(new Error(`connection closed (${code})`), { code });
    if (this.#closedByUs) {
      this.#failPending(failure);
      return;
    }
    if (!shouldRetry(code, typeof this.#options.token === 'function')) {
      this.#failPending(failure);
      this.#setState('closed');
      this.#opened?.reject(Object.assign(new Error(reason || `closed with ${code}`), { code }));
      this.#emit('close', { code, reason });
      return;
    }
    this.#failPending(failure, (pending) => !pending.resend);
    this.#emit('close', { code, reason });
    const wait = backoff(this.#attempt++, this.#options.backoff);
    this.#setState('reconnecting', { code, wait });
    this.#timer = setTimeout(() => this.#open('reconnecting'), wait);
  }

  #failPending(failure, which = () => true) {
    const failed = this.#pending.filter(which);
    this.#pending = this.#pending.filter((pending) => !which(pending));
    failed.forEach((request) => request.reject(failure));
  }

  #setState(state, detail = {}) {
    const previous = this.#state;
    if (previous === state) {
      return;
    }
    this.#state = state;
    this.#emit('statechange', { state, previous, ...detail });
  }

  /** A handler that throws is reported, never allowed to stop the others or the client. */
  #emit(type, event) {
    for (const handler of this.#handlers.get(type) ?? []) {
      try {
        handler(event);
      } catch (failure) {
        console.error(`chat.js: a '${type}' handler failed`, failure);
      }
    }
  }
}
