// The library's own logic, in Node's test runner with an in-memory WebSocket: backoff, dedupe, close codes, resume.
// What it does against the real server, in a real browser, is in chat-app's BrowserTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient, Cursor, READ_EVERY, TYPING_SHOWN, Typists, Unread, applied, backoff, shouldRetry, subjectOf } from '../../main/resources/dev/chat/web/client/chat.js';

/** Stands in for the browser's WebSocket: records what is sent, and lets a test play the server. */
class FakeSocket {
  static opened = [];

  constructor(url) {
    this.url = new URL(url);
    this.sent = [];
    this.readyState = 1;
    FakeSocket.opened.push(this);
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close(code = 1000) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }

  receive(frame) {
    this.onmessage({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  serverCloses(code) {
    this.readyState = 3;
    this.onclose({ code, reason: 'test' });
  }
}

function client(options = {}) {
  FakeSocket.opened = [];
  return new ChatClient({ url: 'ws://chat.test/ws', userId: 'alice', username: 'Alice', room: 'dev',
    WebSocket: FakeSocket, backoff: { base: 1, cap: 4 }, ...options });
}

const presence = (room, more = {}) => ({ type: 'presence', room, count: 1, users: [], ...more });
const chat = (room, id, content, userId = 'bob') => ({ type: 'chat', room, id: String(id), userId, username: userId,
  content, timestamp: '2026-12-06T10:00:00.000Z' });
/** Connects and plays the server's first presence: the client is then open on FakeSocket.opened[0]. */
async function open(chat) {
  const connected = chat.connect();
  await until(() => FakeSocket.opened.length === 1);
  FakeSocket.opened[0].receive(presence('dev'));
  await connected;
}

const until = (condition) => new Promise((resolve) => {
  const check = () => (condition() ? resolve() : setTimeout(check, 1));
  check();
});

test('backoff is full jitter: anywhere from 0 to base * 2^attempt, never past the cap', () => {
  assert.equal(backoff(0, { base: 500, cap: 15000, random: () => 0.999 }), 499);
  assert.equal(backoff(3, { base: 500, cap: 15000, random: () => 0.5 }), 2000);
  assert.equal(backoff(10, { base: 500, cap: 15000, random: () => 0.999 }), 14985);
  assert.equal(backoff(1000, { base: 500, cap: 15000, random: () => 0 }), 0);
});

test('close codes split into retry and stop as the protocol guide lists them', () => {
  for (const code of [1001, 1006, 1011, 1012, 1013, 4008]) {
    assert.equal(shouldRetry(code, false), true, `${code} retries`);
  }
  for (const code of [1000, 1003, 1007, 1008, 1009]) {
    assert.equal(shouldRetry(code, true), false, `${code} stops`);
  }
  assert.equal(shouldRetry(4001, true), true, 'an expired token, with a function that fetches a new one');
  assert.equal(shouldRetry(4001, false), false, 'an expired token given as a string');
});

test('the cursor passes each id once per room, in any room independently', () => {
  const cursor = new Cursor();
  assert.equal(cursor.advance('dev', '41'), true);
  assert.equal(cursor.advance('dev', '41'), false);
  assert.equal(cursor.advance('dev', '40'), false);
  assert.equal(cursor.advance('ops', '40'), true);
  assert.equal(cursor.since('dev'), 41);
});

test("a token's subject is read to know this client's own echoes", () => {
  const payload = Buffer.from(JSON.stringify({ sub: 'alice', name: 'Alice' })).toString('base64url');
  assert.equal(subjectOf(`e30.${payload}.sig`), 'alice');
  assert.equal(subjectOf('garbage'), undefined);
});

test('connect settles on the first presence, and send on the echo of the chat', async () => {
  const alice = client();
  const connected = alice.connect();
  await until(() => FakeSocket.opened.length === 1);
  const socket = FakeSocket.opened[0];
  assert.equal(socket.url.searchParams.get('userId'), 'alice');
  assert.equal(socket.url.searchParams.get('room'), 'dev');

  socket.receive(presence('dev'));
  await connected;
  assert.equal(alice.state, 'open');
  const sent = alice.send('dev', 'hi');
  const { nonce } = socket.sent[0];
  assert.deepEqual(socket.sent, [{ type: 'chat', room: 'dev', content: 'hi', nonce }]);
  assert.ok(nonce.length >= 1 && nonce.length <= 64, nonce);
  socket.receive({ ...chat('dev', 7, 'hi', 'alice'), nonce });
  assert.equal((await sent).id, '7');
  alice.close();
});

test('a send not echoed when the connection drops is sent again with its nonce, and settles on the original', async () => {
  const alice = client();
  await open(alice);
  const first = FakeSocket.opened[0];
  first.receive(chat('dev', 6, 'before'));

  const sent = alice.send('dev', 'on my way');
  const other = alice.send('dev', 'same words, another send');
  const { nonce } = first.sent[0];
  assert.notEqual(first.sent[1].nonce, nonce, 'every send has its own');
  first.serverCloses(1006);
  await until(() => FakeSocket.opened.length === 2);
  const second = FakeSocket.opened[1];
  assert.equal(second.url.searchParams.get('since'), '6');
  second.receive(presence('dev'));
  second.receive(chat('dev', 7, 'on my way', 'alice'));

  assert.deepEqual(second.sent, [first.sent[0], first.sent[1]], 'both sent again, as they were');
  second.receive({ ...chat('dev', 7, 'on my way', 'alice'), nonce });
  second.receive({ ...chat('dev', 8, 'same words, another send', 'alice'), nonce: first.sent[1].nonce });
  assert.equal((await sent).id, '7', 'the original, though the resume had handed it on already');
  assert.equal((await other).id, '8');
  alice.close();
});

test('a send still waiting when the client is closed, or stopped for good, fails', async () => {
  const alice = client();
  await open(alice);

  const sent = alice.send('dev', 'lost');
  FakeSocket.opened[0].serverCloses(1008);

  await assert.rejects(sent, (failure) => failure.code === 1008);
  assert.equal(FakeSocket.opened.length, 1);
});

test('an error frame fails the request it answers; the connection stays', async () => {
  const alice = client();
  await open(alice);

  const sent = alice.send('dev', 'x'.repeat(2000));
  FakeSocket.opened[0].receive({ type: 'error', code: 'content_too_long', message: 'too long' });

  await assert.rejects(sent, (failure) => failure.code === 'content_too_long');
  assert.equal(alice.state, 'open');
  alice.close();
});

test('after a retry code it reconnects, resumes from the last id, and hands on each message once', async () => {
  const alice = client();
  const seen = [];
  const states = [];
  alice.on('chat', (frame) => seen.push(frame.id));
  alice.on('statechange', (change) => states.push(change.state));
  const connected = alice.connect();
  await until(() => FakeSocket.opened.length === 1);
  const first = FakeSocket.opened[0];
  first.receive(presence('dev'));
  await connected;
  first.receive(chat('dev', 41, 'a'));
  first.receive(chat('dev', 42, 'b'));

  first.serverCloses(4008);
  await until(() => FakeSocket.opened.length === 2);
  const second = FakeSocket.opened[1];
  assert.equal(second.url.searchParams.get('since'), '42');
  second.receive(presence('dev', { recovered: true }));
  second.receive(chat('dev', 42, 'b'));
  second.receive(chat('dev', 43, 'c'));

  assert.deepEqual(seen, ['41', '42', '43']);
  assert.deepEqual(states, ['connecting', 'open', 'reconnecting', 'open']);
  alice.close();
});

test('a resume that did not recover is told as a recovered event, for the app to page history', async () => {
  const alice = client();
  const recovered = [];
  alice.on('recovered', (event) => recovered.push(event));
  await open(alice);
  FakeSocket.opened[0].receive(chat('dev', 5, 'a'));

  FakeSocket.opened[0].serverCloses(1006);
  await until(() => FakeSocket.opened.length === 2);
  FakeSocket.opened[1].receive(presence('dev', { recovered: false }));

  assert.deepEqual(recovered, [{ room: 'dev', recovered: false }]);
  alice.close();
});

test('other rooms are entered again after a reconnect, each from its own last id', async () => {
  const alice = client();
  await open(alice);
  const entered = alice.subscribe('ops');
  FakeSocket.opened[0].receive(presence('ops'));
  await entered;
  FakeSocket.opened[0].receive(chat('ops', 9, 'x'));

  FakeSocket.opened[0].serverCloses(1012);
  await until(() => FakeSocket.opened.length === 2);
  FakeSocket.opened[1].receive(presence('dev'));

  assert.deepEqual(FakeSocket.opened[1].sent, [{ type: 'subscribe', room: 'ops', since: '9' }]);
  alice.close();
});

test('a stop code ends it: no reconnect, connect fails with the code', async () => {
  const alice = client();
  const connected = alice.connect();
  await until(() => FakeSocket.opened.length === 1);

  FakeSocket.opened[0].serverCloses(1008);

  await assert.rejects(connected, (failure) => failure.code === 1008);
  assert.equal(alice.state, 'closed');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(FakeSocket.opened.length, 1);
});

test('a frame of a type it does not know is an event like any other; garbage is ignored', async () => {
  const alice = client();
  const odd = [];
  alice.on('poll', (frame) => odd.push(frame.question));
  await open(alice);

  FakeSocket.opened[0].receive('not json at all');
  FakeSocket.opened[0].receive('null');
  FakeSocket.opened[0].receive({ type: 'poll', question: 'lunch?' });

  assert.deepEqual(odd, ['lunch?']);
  alice.close();
});

test('an expiring token is refreshed with a fresh one from the token function', async () => {
  let issued = 0;
  const alice = client({ userId: undefined, username: undefined, token: async () => `t${++issued}` });
  const connected = alice.connect();
  await until(() => FakeSocket.opened.length === 1);
  assert.equal(FakeSocket.opened[0].url.searchParams.get('token'), 't1');
  FakeSocket.opened[0].receive(presence('dev'));
  await connected;

  FakeSocket.opened[0].receive({ type: 'expiring', expiresAt: '2026-12-06T10:01:00Z', content: 'soon' });

  await until(() => FakeSocket.opened[0].sent.length === 1);
  assert.deepEqual(FakeSocket.opened[0].sent, [{ type: 'refresh', token: 't2' }]);
  alice.close();
});

test('a handler that throws does not stop the others', async () => {
  const alice = client();
  const reached = [];
  alice.on('chat', () => {
    throw new Error('an app bug');
  });
  alice.on('chat', (frame) => reached.push(frame.id));
  const original = console.error;
  console.error = () => {};
  try {
    const connected = alice.connect();
    await until(() => FakeSocket.opened.length === 1);
    FakeSocket.opened[0].receive(presence('dev'));
    await connected;
    FakeSocket.opened[0].receive(chat('dev', 1, 'a'));
  } finally {
    console.error = original;
  }
  assert.deepEqual(reached, ['1']);
  alice.close();
});

test('others typing are shown until TYPING_SHOWN after their last signal, or until they post', () => {
  const typists = new Typists();
  const typing = (userId) => ({ type: 'typing', room: 'dev', userId, username: userId.toUpperCase() });
  typists.saw(typing('bob'), 1000);
  typists.saw(typing('carol'), 2000);

  assert.deepEqual(typists.in('dev', 1000 + TYPING_SHOWN - 1), ['BOB', 'CAROL']);
  assert.deepEqual(typists.in('dev', 1000 + TYPING_SHOWN), ['CAROL']);
  assert.equal(typists.stopped('dev', 'carol'), true);
  assert.deepEqual(typists.in('dev', 2001), []);
  assert.deepEqual(typists.in('ops', 0), []);
});

test('typing sends one signal per room however often it is called, and a typing frame is a typists event',
  async () => {
    const alice = client();
    await open(alice);
    const told = [];
    alice.on('typists', (event) => told.push(event));

    alice.typing('dev');
    alice.typing('dev');
    alice.typing('ops');
    FakeSocket.opened[0].receive({ type: 'typing', room: 'dev', userId: 'bob', username: 'Bob' });
    FakeSocket.opened[0].receive(chat('dev', 5, 'done', 'bob'));

    assert.deepEqual(FakeSocket.opened[0].sent.filter((m) => m.type === 'typing'),
      [{ type: 'typing', room: 'dev' }, { type: 'typing', room: 'ops' }]);
    assert.deepEqual(told, [{ room: 'dev', users: ['Bob'] }, { room: 'dev', users: [] }]);
    alice.close();
  });

test('edit, delete, react and unreact settle on their own change frames, and a refusal fails them', async () => {
  const alice = client();
  await open(alice);
  const socket = FakeSocket.opened[0];
  const change = (type, id, more) => ({ type, room: 'dev', id: String(id), target: '7', userId: 'alice',
    username: 'Alice', timestamp: '2026-12-06T10:01:00Z', ...more });

  const edited = alice.edit('dev', 7, 'fixed');
  const reacted = alice.react('dev', '7', '👍');
  const again = alice.react('dev', '7', '👍');
  const { nonce } = socket.sent[0];
  assert.deepEqual(socket.sent, [{ type: 'edit', room: 'dev', id: '7', content: 'fixed', nonce },
    { type: 'react', room: 'dev', id: '7', emoji: '👍' }, { type: 'react', room: 'dev', id: '7', emoji: '👍' }]);
  socket.receive(change('edit', 8, { content: 'fixed', nonce }));
  socket.receive(change('reaction', 9, { emoji: '👍', op: 'add' }));
  socket.receive({ type: 'error', code: 'already_reacted', message: 'you have already added 👍 to it' });
  assert.equal((await edited).id, '8');
  assert.equal((await reacted).id, '9');
  await assert.rejects(again, (failure) => failure.code === 'already_reacted');

  const taken = alice.unreact('dev', 7, '👍');
  const deleted = alice.delete('dev', 7);
  socket.receive(change('reaction', 10, { emoji: '👍', op: 'remove' }));
  socket.receive(change('delete', 11));
  assert.equal((await taken).op, 'remove');
  assert.equal((await deleted).id, '11');
  alice.close();
});

test('changes apply to the chat they target once each, even after history that already holds them', () => {
  const posted = chat('dev', 7, 'helo', 'alice');
  const edit = { type: 'edit', room: 'dev', id: '8', target: '7', content: 'hello', timestamp: 'T8' };
  const thumbs = (id, op) => ({ type: 'reaction', room: 'dev', id: String(id), target: '7', emoji: '👍', op });

  const live = [edit, thumbs(9, 'add'), thumbs(10, 'add'), thumbs(11, 'remove')].reduce(applied, posted);
  assert.equal(live.content, 'hello');
  assert.equal(live.editedAt, 'T8');
  assert.deepEqual({ ...live.reactions }, { '👍': 1 });

  const fromHistory = { ...posted, content: 'hello', editedAt: 'T8', reactions: { '👍': 2 }, revision: '10' };
  const caughtUp = [edit, thumbs(9, 'add'), thumbs(10, 'add'), thumbs(11, 'remove')].reduce(applied, fromHistory);
  assert.deepEqual({ ...caughtUp.reactions }, { '👍': 1 }, 'the changes up to its revision were skipped');

  const gone = applied(live, { type: 'delete', room: 'dev', id: '12', target: '7' });
  assert.equal(gone.deleted, true);
  assert.equal(gone.content, undefined);
  assert.equal(gone.reactions, undefined);
  assert.equal(applied(gone, { ...edit, id: '13' }), gone, 'a deleted chat takes no more');
  const odd = applied(posted, { ...thumbs(14, 'add'), emoji: '__proto__' });
  assert.equal(odd.reactions.__proto__, 1, 'an emoji named like a prototype is just a key');
});

test('unread counts start from the server and go on with what arrives; this user\'s read mark clears them', async () => {
  const alice = client();
  const connected = alice.connect();
  await until(() => FakeSocket.opened.length === 1);
  const socket = FakeSocket.opened[0];
  const changes = [];
  alice.on('unread', (event) => changes.push(event.unread));
  socket.receive(presence('dev', { lastRead: '40', unread: 3, lastId: '44' }));
  await connected;
  socket.receive(chat('dev', 43, 'history, already counted'));
  socket.receive(chat('dev', 45, 'new'));
  socket.receive(chat('dev', 46, 'mine', 'alice'));
  assert.equal(alice.unread('dev'), 4);

  alice.read('dev', 45);
  socket.receive({ type: 'read', room: 'dev', userId: 'bob', id: '46' });
  assert.equal(alice.unread('dev'), 4, "another's read mark is not this user's");
  socket.receive({ type: 'read', room: 'dev', userId: 'alice', id: '45' });
  assert.equal(alice.unread('dev'), 0);
  socket.receive(chat('dev', 47, 'after the mark'));
  assert.equal(alice.unread('dev'), 1, 'the read frame did not move the message cursor');
  alice.read('dev', 44);
  assert.deepEqual(socket.sent, [{ type: 'read', room: 'dev', id: '45' }],
    'a mark below the one the server confirmed is not sent');
  assert.deepEqual(changes, [3, 4, 0, 1]);
  alice.close();
});

test('a mark short of the room\'s last id at entry keeps the server\'s count; a deleted unread chat is not counted', () => {
  const unread = new Unread();
  unread.entered({ type: 'presence', room: 'dev', lastRead: '10', unread: 5, lastId: '20' });
  unread.arrived(chat('dev', 21, 'a'), false);
  unread.arrived(chat('dev', 22, 'b'), false);

  assert.equal(unread.read('dev', 15), false, 'the server counted chats up to 20 that may be after 15');
  assert.equal(unread.count('dev'), 7);
  assert.equal(unread.deleted({ type: 'delete', room: 'dev', id: '23', target: '22' }), true);
  assert.equal(unread.read('dev', 21), true);
  assert.equal(unread.count('dev'), 0);
  assert.equal(unread.count('elsewhere'), 0);
});

test('read marks go at most once a second per room, the highest asked for meanwhile at the end', async () => {
  const alice = client();
  await open(alice);
  const socket = FakeSocket.opened[0];
  const started = Date.now();

  alice.read('dev', 10);
  alice.read('dev', 11);
  alice.read('dev', 13);
  alice.read('dev', 12);
  assert.deepEqual(socket.sent, [{ type: 'read', room: 'dev', id: '10' }], 'one at once, the rest wait');
  await until(() => socket.sent.length === 2);

  assert.deepEqual(socket.sent[1], { type: 'read', room: 'dev', id: '13' });
  assert.ok(Date.now() - started >= READ_EVERY - 5, 'not before READ_EVERY');
  alice.close();
});
