// The chat page: an app built on chat.js as any app would be. Everything a user wrote is shown as text, never HTML.
import { ChatClient, applied, subjectOf } from '/client/chat.js';
import { element, line as render, time } from '/app/message-line.js';

/** Messages kept on screen per room; older ones go, and come back with "load earlier". */
const SHOWN = 500;
const PAGE = 50;

const $ = (id) => document.getElementById(id);
const rooms = new Map();
let client;
let current;
let token;
/** The chat being edited in the compose box, if any. */
let editing = null;

function notice(text) {
  $('notice').textContent = text;
}

/** A room as the page holds it: its messages (oldest first, at most SHOWN) and who is in it. */
function room(name) {
  if (!rooms.has(name)) {
    rooms.set(name, { name, messages: [], people: new Map(), incomplete: false });
    renderTabs();
  }
  return rooms.get(name);
}

const actions = {
  mine: (frame) => frame.userId === (token ? subjectOf(token) : userId()),
  edit(frame) {
    editing = { room: frame.room, id: frame.id };
    $('content').value = frame.content;
    $('content').focus();
    notice('editing your message: send to save it, or clear the box to cancel');
  },
  remove: (frame) => client.delete(frame.room, frame.id).catch((failure) => notice(`not deleted: ${failure.message}`)),
  /** Adds the emoji, or takes it back if this user had added it already. */
  react: (frame, emoji) => client.react(frame.room, frame.id, emoji).catch((failure) => (
    failure.code === 'already_reacted' ? client.unreact(frame.room, frame.id, emoji) : Promise.reject(failure)))
    .catch((failure) => notice(`reaction not sent: ${failure.message}`)),
};

function line(frame) {
  return render(frame, actions);
}

/** An edit, deletion or reaction: the chat it targets, if shown, is redrawn as it leaves it. */
function change(frame) {
  const held = rooms.get(frame.room);
  const index = held?.messages.findIndex((shown) => shown.id === frame.target) ?? -1;
  if (index < 0) {
    return;
  }
  held.messages[index] = applied(held.messages[index], frame);
  if (frame.room === current) {
    $('messages').querySelector(`[data-id="${CSS.escape(frame.target)}"]`)?.replaceWith(line(held.messages[index]));
  }
}

function add(frame) {
  const held = room(frame.room);
  held.messages.push(frame);
  if (held.messages.length > SHOWN) {
    held.messages.splice(0, held.messages.length - SHOWN);
  }
  if (frame.room === current) {
    const list = $('messages');
    list.append(line(frame));
    while (list.children.length > SHOWN) {
      list.firstElementChild.remove();
    }
    scrollToNewest();
    markRead();
  }
}

let scrolling = false;

/** Once per frame at most: a burst of messages costs one layout, not one each. */
function scrollToNewest() {
  if (!scrolling) {
    scrolling = true;
    requestAnimationFrame(() => {
      scrolling = false;
      $('messages').lastElementChild?.scrollIntoView({ block: 'end' });
    });
  }
}

function renderMessages() {
  const list = $('messages');
  list.replaceChildren(...(rooms.get(current)?.messages ?? []).map(line));
  scrollToNewest();
  renderPeople();
}

function renderPeople() {
  const people = rooms.get(current)?.people ?? new Map();
  $('people').replaceChildren(...[...people].map(([userId, username]) => {
    const item = element('li', 'person');
    const name = element('button', 'link', username);
    name.type = 'button';
    name.title = `direct message to ${userId}`;
    name.addEventListener('click', () => {
      $('direct-to').value = userId;
      $('direct-content').focus();
    });
    item.append(name);
    return item;
  }));
}

function renderTabs() {
  $('tabs').replaceChildren(...[...rooms.keys()].map((name) => {
    const tab = element('span', name === current ? 'tab current' : 'tab');
    const open = element('button', 'link', name);
    open.type = 'button';
    open.setAttribute('role', 'tab');
    open.addEventListener('click', () => show(name));
    const unread = client?.unread(name) ?? 0;
    if (unread > 0) {
      open.append(element('span', 'badge', unread >= 100 ? '99+' : String(unread)));
    }
    const leave = element('button', 'leave', '×');
    leave.type = 'button';
    leave.title = `leave ${name}`;
    leave.addEventListener('click', () => leaveRoom(name));
    tab.append(open, leave);
    return tab;
  }));
}

function show(name) {
  current = name;
  renderTabs();
  renderMessages();
  renderTyping(client.typists(name));
  markRead();
}

/** What the user sees is read: the newest message of the room shown, while the page is in view. */
function markRead() {
  const newest = rooms.get(current)?.messages.findLast((frame) => frame.id);
  if (newest && document.visibilityState === 'visible') {
    client.read(current, newest.id);
  }
}

/** "Bob is typing…", "Bob and Carol are typing…", "4 people are typing…", or nothing. */
function renderTyping(users) {
  const [first, second] = users;
  $('typing').textContent = users.length === 0 ? ''
    : users.length === 1 ? `${first} is typing…`
      : users.length === 2 ? `${first} and ${second} are typing…`
        : `${users.length} people are typing…`;
}

async function enterRoom(name) {
  if (rooms.has(name)) {
    show(name);
    return;
  }
  try {
    room(name);
    await client.subscribe(name);
    show(name);
  } catch (failure) {
    rooms.delete(name);
    renderTabs();
    notice(`could not enter ${name}: ${failure.message}`);
  }
}

async function leaveRoom(name) {
  await client.unsubscribe(name).catch(() => {});
  rooms.delete(name);
  if (current === name) {
    current = rooms.keys().next().value;
  }
  renderTabs();
  renderMessages();
}

/** One page of the room's history before the oldest message shown, over HTTP. */
async function loadEarlier() {
  const held = rooms.get(current);
  const oldest = held?.messages.find((frame) => frame.id)?.id;
  const query = new URLSearchParams({ limit: PAGE });
  if (oldest) {
    query.set('before', oldest);
  }
  const answer = await api(`/api/rooms/${encodeURIComponent(current)}/messages?${query}`);
  if (!answer) {
    return;
  }
  const earlier = answer.messages.filter((frame) => !oldest || Number(frame.id) < Number(oldest));
  held.messages.unshift(...earlier);
  held.messages.splice(SHOWN + PAGE);
  renderMessages();
  $('messages').firstElementChild?.scrollIntoView();
  if (earlier.length === 0) {
    notice('this is the beginning of what the room keeps');
  }
}

async function api(path) {
  const answer = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!answer.ok) {
    const refusal = await answer.json().catch(() => ({}));
    notice(`${path}: ${answer.status} ${refusal.code ?? ''}`);
    return null;
  }
  return answer.json();
}

async function listRooms() {
  const answer = await api('/api/rooms');
  if (!answer) {
    return;
  }
  $('rooms').replaceChildren(...answer.rooms.map(({ room: name, members }) => {
    const item = element('li');
    const enter = element('button', 'link', `${name} (${members})`);
    enter.type = 'button';
    enter.addEventListener('click', () => enterRoom(name));
    item.append(enter);
    return item;
  }));
}

function listen() {
  client.on('statechange', ({ state, code }) => {
    $('state').dataset.state = state;
    $('state').textContent = state === 'reconnecting' ? `reconnecting (closed with ${code})` : state;
  });
  client.on('presence', (frame) => {
    const held = room(frame.room);
    held.people = new Map(frame.users.map((user) => [user.userId, user.username]));
    if (!current) {
      current = frame.room;
      renderTabs();
    }
    if (frame.room === current) {
      renderPeople();
    }
  });
  for (const type of ['chat', 'system', 'join', 'leave']) {
    client.on(type, (frame) => {
      if (type === 'join') {
        room(frame.room).people.set(frame.userId, frame.username);
      } else if (type === 'leave') {
        room(frame.room).people.delete(frame.userId);
      }
      add(frame);
      if (frame.room === current && type !== 'chat' && type !== 'system') {
        renderPeople();
      }
    });
  }
  for (const type of ['edit', 'delete', 'reaction']) {
    client.on(type, change);
  }
  client.on('unread', renderTabs);
  client.on('typists', ({ room: name, users }) => {
    if (name === current) {
      renderTyping(users);
    }
  });
  client.on('direct', (frame) => {
    const item = element('li', 'message direct');
    item.append(element('time', 'at', time(frame.timestamp)),
      element('span', 'who', `${frame.username} → ${frame.to}`), element('span', 'text', frame.content));
    $('directs').append(item);
  });
  client.on('recovered', ({ room: name, recovered }) => {
    if (!recovered) {
      room(name).incomplete = true;
      notice(`some messages in ${name} may be missing: "load earlier" fetches them`);
    }
  });
  client.on('error', (frame) => notice(`${frame.code}: ${frame.message}`));
  client.on('close', ({ code, reason }) => {
    if (client.state === 'closed') {
      notice(`disconnected (${code}${reason ? `: ${reason}` : ''})`);
    }
  });
}

function userId() {
  let id = sessionStorage.getItem('chat.userId');
  if (!id) {
    id = `u-${crypto.randomUUID().slice(0, 8)}`;
    sessionStorage.setItem('chat.userId', id);
  }
  return id;
}

async function start(event) {
  event.preventDefault();
  token = $('token').value.trim() || undefined;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  client = new ChatClient({ url: `${scheme}//${location.host}/ws`, ...(token ? { token }
    : { userId: userId(), username: $('username').value.trim() }) });
  listen();
  $('login').hidden = true;
  $('chat').hidden = false;
  try {
    await client.connect();
  } catch (failure) {
    notice(`could not connect: ${failure.message}`);
  }
  await listRooms();
  setInterval(listRooms, 5000);
}

$('login').addEventListener('submit', start);
$('enter-room').addEventListener('submit', (event) => {
  event.preventDefault();
  enterRoom($('room-name').value.trim());
  $('room-name').value = '';
});
$('compose').addEventListener('submit', (event) => {
  event.preventDefault();
  const content = $('content').value;
  $('content').value = '';
  const edited = editing;
  editing = null;
  const sent = edited ? client.edit(edited.room, edited.id, content) : client.send(current, content);
  sent.catch((failure) => notice(`not sent: ${failure.message}`));
});
$('content').addEventListener('input', () => {
  if ($('content').value === '') {
    editing = null;
  }
  client.typing(current);
});
$('direct').addEventListener('submit', (event) => {
  event.preventDefault();
  client.direct($('direct-to').value.trim(), $('direct-content').value)
    .then(() => { $('direct-content').value = ''; })
    .catch((failure) => notice(`not sent: ${failure.message}`));
});
$('earlier').addEventListener('click', loadEarlier);
document.addEventListener('visibilitychange', () => client && markRead());
