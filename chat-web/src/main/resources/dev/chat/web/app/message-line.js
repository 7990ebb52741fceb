// One message of a room as the chat page shows it: text only, never HTML, with the actions its reader may take.

/** Emoji offered on every chat; any other can be added from the library. */
export const QUICK_REACTIONS = ['👍', '🎉'];

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export function time(timestamp) {
  return new Date(timestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function button(className, text, title, onClick) {
  const node = element('button', className, text);
  node.type = 'button';
  node.title = title;
  node.addEventListener('click', onClick);
  return node;
}

/**
 * A list item for the message. A chat shows its reactions, each a toggle, and, if `mine`, edit and delete.
 *
 * @param actions { mine, edit(frame), remove(frame), react(frame, emoji) }
 */
export function line(frame, actions) {
  const item = element('li', `message ${frame.type}`);
  item.dataset.id = frame.id ?? '';
  item.append(element('time', 'at', time(frame.timestamp)));
  if (frame.type !== 'chat') {
    item.append(element('span', 'text', frame.content));
    return item;
  }
  item.append(element('span', 'who', frame.username));
  if (frame.deleted) {
    item.classList.add('deleted');
    item.append(element('span', 'text', 'message deleted'));
    return item;
  }
  item.append(element('span', 'text', frame.content));
  if (frame.editedAt) {
    item.append(element('span', 'edited', '(edited)'));
  }
  item.append(reactions(frame, actions));
  if (actions.mine(frame)) {
    item.append(button('link edit', 'edit', 'edit this message', () => actions.edit(frame)),
      button('link delete', 'delete', 'delete this message', () => actions.remove(frame)));
  }
  return item;
}

/** The chat's reactions with their counts, then the quick ones it lacks; each click adds, or takes back, one. */
function reactions(frame, actions) {
  const bar = element('span', 'reactions');
  const counts = Object.entries(frame.reactions ?? {});
  for (const [emoji, count] of counts) {
    bar.append(button('reaction', `${emoji} ${count}`, `react with ${emoji}`, () => actions.react(frame, emoji)));
  }
  for (const emoji of QUICK_REACTIONS.filter((quick) => !(quick in (frame.reactions ?? {})))) {
    bar.append(button('reaction add', emoji, `react with ${emoji}`, () => actions.react(frame, emoji)));
  }
  return bar;
}
