// Types of chat.js, the chat server's browser client. Frames are the server's JSON as it sent it (docs/protocol.md).

export type State = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Identity {
  userId: string;
  username: string;
}

/** Any frame the server sends; the known ones below narrow it. A type this version does not know still arrives. */
export interface Frame {
  type: string;
  [field: string]: unknown;
}

export interface RoomMessage extends Frame {
  type: 'chat' | 'join' | 'leave' | 'system';
  room: string;
  id: string;
  userId: string;
  username: string;
  /** Absent on a deleted chat. */
  content?: string;
  timestamp: string;
  /** A chat read from history as it is now: when it was last edited, if it was. */
  editedAt?: string;
  /** The nonce its sender tagged it with: on the sender's own connections only. */
  nonce?: string;
  deleted?: true;
  /** Users who added each emoji. */
  reactions?: Record<string, number>;
  /** The id of the last change applied to the chat; present once it has changed. */
  revision?: string;
}

/** A change to the chat whose id is `target`: a message of the room with its own id. */
export interface Change extends Frame {
  type: 'edit' | 'delete' | 'reaction';
  room: string;
  id: string;
  target: string;
  userId: string;
  username: string;
  timestamp: string;
  /** For an edit. */
  content?: string;
  /** For a reaction. */
  emoji?: string;
  op?: 'add' | 'remove';
}

export interface DirectMessage extends Frame {
  type: 'direct';
  userId: string;
  username: string;
  to: string;
  content: string;
  timestamp: string;
}

/** A user has read a room up to message `id`. */
export interface ReadReceipt extends Frame {
  type: 'read';
  room: string;
  userId: string;
  id: string;
}

export interface UnreadChanged {
  room: string;
  unread: number;
  lastRead: number;
}

export interface Presence extends Frame {
  type: 'presence';
  room: string;
  count: number;
  users: Identity[];
  recovered?: boolean;
  /** How far this user has read the room: its mark, the chats of others after it (up to 100), the room's last id. */
  lastRead?: string;
  unread?: number;
  lastId?: string;
}

export interface ErrorFrame extends Frame {
  type: 'error';
  code: string;
  message: string;
}

export interface StateChange {
  state: State;
  previous: State;
  /** On a change to reconnecting: the close code that caused it and the wait before the next attempt. */
  code?: number;
  wait?: number;
}

export interface Recovered {
  room: string;
  recovered: boolean;
}

/** Another member of a room is typing. */
export interface Typing extends Frame {
  room: string;
  userId: string;
  username: string;
}

/** Who is typing in a room now, told whenever that changes. */
export interface TypistsChanged {
  room: string;
  users: string[];
}

export interface Closed {
  code: number;
  reason: string;
}

/** A request refused by the server (its error frame's code) or lost with the connection (the close code). */
export interface ChatError extends Error {
  code: string | number;
  frame?: ErrorFrame;
}

export interface Options {
  /** The ws:// or wss:// address of /ws. */
  url: string;
  /** Who to be, where the server does not verify identities. */
  userId?: string;
  username?: string;
  /** A token, or a function that returns one (or a promise of one): asked again before every reconnect and when
   *  the server sends `expiring`. */
  token?: string | (() => string | Promise<string>);
  /** The first room; the server's own ("global") if not given. */
  room?: string;
  /** Reconnect waits: full jitter between 0 and base * 2^attempt, at most cap (ms). Default 500 and 15 000. */
  backoff?: { base?: number; cap?: number };
  /** The WebSocket class to use; the global one by default. */
  WebSocket?: { new (url: string): WebSocket };
}

export interface Events {
  chat: RoomMessage;
  join: RoomMessage;
  leave: RoomMessage;
  system: RoomMessage;
  edit: Change;
  delete: Change;
  reaction: Change;
  direct: DirectMessage;
  typing: Typing;
  typists: TypistsChanged;
  read: ReadReceipt;
  unread: UnreadChanged;
  presence: Presence;
  error: ErrorFrame;
  expiring: Frame;
  refreshed: Frame;
  statechange: StateChange;
  recovered: Recovered;
  close: Closed;
  subscribefailed: { room: string; failure: ChatError };
  refreshfailed: { failure: unknown };
}

export const RETRY_CODES: ReadonlySet<number>;
export const TOKEN_EXPIRED: 4001;
export function shouldRetry(code: number, tokenRenewable: boolean): boolean;
export function backoff(attempt: number, options?: { base?: number; cap?: number; random?: () => number }): number;
export function subjectOf(token: string): string | undefined;
/** A fresh nonce: what send() and edit() tag each message with, so that a resend after a reconnect posts it once. */
export function newNonce(): string;
/** The chat as the change leaves it; unchanged if the change is at or below its revision, or it was deleted. */
export function applied(chat: RoomMessage, change: Change): RoomMessage;

export const TYPING_EVERY: 3000;
export const TYPING_SHOWN: 5000;
export const READ_EVERY: 1000;

export class Typists {
  saw(frame: Typing, at: number): void;
  stopped(room: string, userId: string): boolean;
  in(room: string, at: number): string[];
}

export class Unread {
  entered(frame: Presence): void;
  arrived(frame: RoomMessage, mine: boolean): boolean;
  deleted(frame: Change): boolean;
  read(room: string, id: string | number): boolean;
  count(room: string): number;
  lastRead(room: string): number;
}

export class Cursor {
  advance(room: string, id: string | number): boolean;
  since(room: string): number | undefined;
  forget(room: string): void;
}

export class ChatClient {
  constructor(options: Options);
  readonly state: State;
  readonly rooms: string[];
  on<K extends keyof Events>(type: K, handler: (event: Events[K]) => void): this;
  on(type: string, handler: (frame: Frame) => void): this;
  off<K extends keyof Events>(type: K, handler: (event: Events[K]) => void): this;
  off(type: string, handler: (frame: Frame) => void): this;
  connect(): Promise<Presence>;
  subscribe(room: string, options?: { since?: string | number }): Promise<Presence>;
  unsubscribe(room: string): Promise<void>;
  /** Tagged with a nonce, and sent again with it after a reconnect until answered: posted at most once. */
  send(room: string, content: string): Promise<RoomMessage>;
  direct(userId: string, content: string): Promise<DirectMessage>;
  edit(room: string, id: string | number, content: string): Promise<Change>;
  delete(room: string, id: string | number): Promise<Change>;
  react(room: string, id: string | number, emoji: string): Promise<Change>;
  unreact(room: string, id: string | number, emoji: string): Promise<Change>;
  /** Marks the room read up to the message: at most one mark per room every READ_EVERY ms, the highest last. */
  read(room: string, id: string | number): void;
  /** Chats of others in the room after this user's read mark. */
  unread(room: string): number;
  /** Call on every keystroke: at most one typing signal every TYPING_EVERY ms per room is sent. */
  typing(room: string): void;
  /** The usernames of the others typing in the room now. */
  typists(room: string): string[];
  close(): void;
}
