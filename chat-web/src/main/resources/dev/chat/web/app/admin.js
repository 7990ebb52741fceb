// The operator dashboard: polls the server's own APIs (/metrics, /api/analytics, /api/nodes, /api/rooms, /health) every two
// seconds and plots them with uPlot (loaded before this module, as the global uPlot). Names and rooms are text.
const EVERY_MS = 2000;
/** Ten minutes of points. */
const KEPT = 300;
const TYPES = ['chat', 'direct', 'join', 'leave', 'system'];

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('chat.operatorToken') ?? undefined;
let previous;

/** Each chart: its title, its series, and how to read its values from one sample. */
const CHARTS = [
  { title: 'Connections', series: ['connections'], read: (s) => [s.gauge('chat_connections')] },
  { title: 'Messages per second, by type', series: TYPES, read: (s, rate) => TYPES.map((type) =>
    rate(`chat_messages_total{type="${type}"}`)) },
  { title: 'Deliveries per second', series: ['deliveries'], read: (s, rate) => [rate('chat_deliveries_total')] },
  { title: 'Delivery latency (ms)', series: ['p50', 'p95', 'p99'], read: (s) => ['0.5', '0.95', '0.99'].map((q) =>
    s.gauge(`chat_delivery_latency_seconds{quantile="${q}"}`) * 1000) },
  { title: 'Slow clients closed and drops, per second', series: ['closed 4008', 'dropped'],
    read: (s, rate) => [rate('chat_slow_clients_closed_total'), rate('chat_dropped_total')] },
  { title: 'Store: queue and commit (ms)', series: ['queued', 'commit ms'], read: (s) => [
    s.gauge('chat_store_queue_length'), s.mean('chat_store_write_latency_seconds') * 1000] },
  { title: 'JVM heap (MB)', series: ['heap used'], read: (s) => [s.sum('jvm_memory_used_bytes', 'area="heap"') / 1e6] },
];

const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df'];

/** The Prometheus text format, read into name{labels} -> value, with the helpers the charts use. */
function parseMetrics(text, previousSample) {
  const values = new Map();
  for (const line of text.split('\n')) {
    if (line && !line.startsWith('#')) {
      const space = line.lastIndexOf(' ');
      values.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
  }
  const sample = {
    at: Date.now() / 1000,
    values,
    gauge: (key) => values.get(key) ?? null,
    sum: (name, label) => [...values].filter(([key]) => key.startsWith(`${name}{`) && key.includes(label))
      .reduce((total, [, value]) => total + value, 0),
    mean: (name) => {
      const sum = values.get(`${name}_sum`);
      const count = values.get(`${name}_count`);
      const before = previousSample?.values;
      if (!before || sum === undefined || count === undefined) {
        return null;
      }
      const batches = count - (before.get(`${name}_count`) ?? 0);
      return batches > 0 ? (sum - before.get(`${name}_sum`)) / batches : 0;
    },
  };
  return sample;
}

function rateOf(sample, before) {
  return (key) => {
    const now = sample.values.get(key);
    const then = before?.values.get(key);
    if (now === undefined || then === undefined) {
      return now === undefined ? null : 0;
    }
    return Math.max(0, (now - then) / (sample.at - before.at));
  };
}

function makeCharts() {
  return CHARTS.map((chart) => {
    const box = document.createElement('div');
    box.className = 'panel chart';
    const title = document.createElement('h2');
    title.textContent = chart.title;
    box.append(title);
    $('charts').append(box);
    const data = [[], ...chart.series.map(() => [])];
    const plot = new uPlot({
      width: 420, height: 180,
      series: [{}, ...chart.series.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 1.5 }))],
      axes: [{}, { size: 60 }],
    }, data, box);
    return { ...chart, data, plot, box };
  });
}

async function fetchWith(path, asText) {
  const answer = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (answer.status === 401 || answer.status === 403) {
    $('operator').hidden = false;
    throw new Error(`${path}: ${answer.status}, an operator's token is needed`);
  }
  if (!answer.ok) {
    throw new Error(`${path}: ${answer.status}`);
  }
  return asText ? answer.text() : answer.json();
}

function cells(row, values) {
  row.replaceChildren(...values.map((value) => {
    const cell = document.createElement('td');
    cell.textContent = value;
    return cell;
  }));
  return row;
}

function badge(id, value) {
  $(id).textContent = value;
  $(id).dataset.value = value;
}

async function poll(charts) {
  try {
    const [metrics, analytics, rooms, health, nodes] = await Promise.all([fetchWith('/metrics', true),
      fetchWith('/api/analytics'), fetchWith('/api/rooms'), fetchWith('/health'), fetchWith('/api/nodes')]);
    const sample = parseMetrics(metrics, previous);
    const rate = rateOf(sample, previous);
    for (const chart of charts) {
      chart.data[0].push(sample.at);
      chart.read(sample, rate).forEach((value, i) => chart.data[i + 1].push(value));
      if (chart.data[0].length > KEPT) {
        chart.data.forEach((column) => column.shift());
      }
      chart.plot.setData(chart.data);
      chart.box.dataset.points = String(chart.data[0].length);
      chart.box.dataset.last = JSON.stringify(chart.data.slice(1).map((column) => column.at(-1)));
    }
    previous = sample;
    $('nodes').replaceChildren(...nodes.nodes.map((node) => cells(document.createElement('tr'), [node.node,
      String(node.activeConnections), String(node.activeUsers), String(node.totalMessages), String(node.deliveries),
      node.latencyP99Ms.toFixed(2)])));
    $('rooms').replaceChildren(...rooms.rooms.slice(0, 20).map(({ room, members }) =>
      cells(document.createElement('tr'), [room, String(members)])));
    $('users').replaceChildren(...analytics.activeUserDetails.map((user) =>
      cells(document.createElement('tr'), [user.userId, user.username, new Date(user.joinedAt).toLocaleTimeString()])));
    badge('storage', health.storage);
    badge('cluster', health.cluster);
    $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    $('updated').dataset.state = 'open';
    $('notice').textContent = '';
  } catch (failure) {
    $('updated').dataset.state = 'closed';
    $('notice').textContent = failure.message;
  }
}

$('operator').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('token').value.trim();
  sessionStorage.setItem('chat.operatorToken', token);
  $('operator').hidden = true;
});

const charts = makeCharts();
poll(charts);
setInterval(() => poll(charts), EVERY_MS);
