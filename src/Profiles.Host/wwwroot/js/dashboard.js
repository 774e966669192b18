// The ops dashboard: customers per class in every dimension (polled, and moved at once by each ProfileChanged and
// ProfileRemoved), events and tier changes per second, a filterable feed of tier changes, and the population models
// (BG/NBD, Gamma-Gamma and the discovered clusters, polled: they are refitted every few minutes).
import { HubMethods, ClientMessages } from './hub-names.js';
import { Session, escapeHtml } from './session.js';
import { MembersPanel } from './members-panel.js';
import { renderSegmentList } from './segment-progress.js';

const pollMs = 1500;
const modelsPollMs = 5000;
const feedKept = 500;
const feedShown = 120;
const rateWindowMs = 5000;
const preferredOrder = ['lifecycle', 'rfm', 'churnRisk', 'cluster', 'satisfaction', 'nps', 'value', 'purchasingPower', 'engagement', 'socialRole', 'geography', 'ageBand'];
const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const counts = new Map();   // dimension -> Map(class -> count)
const charts = new Map();   // dimension -> { chart, list }
const feed = [];            // newest first
const changeTimes = [];     // arrival times of ProfileChanged, for tier changes per second
let lastThroughput = null;
let members = null;         // the member list a class's bar opens
let changesTotal = 0;

const session = new Session({ roles: ['ops', 'admin'], pageName: 'dashboard', onSignedIn: start });
session.start();

function start() {
  members = new MembersPanel(session);
  // A class's count under its chart opens its members too (a bar opens them through the chart's onClick).
  document.getElementById('charts').addEventListener('click', event => {
    const item = event.target.closest('li[data-class]');
    if (item) members.open(item.closest('[data-dimension]').dataset.dimension, item.dataset.class);
  });
  document.getElementById('feed-dimension').addEventListener('change', () => { fillClassFilter(); renderFeed(); });
  document.getElementById('feed-class').addEventListener('change', renderFeed);
  const connection = session.connect(async connection => {
    await connection.invoke(HubMethods.SubscribeAll);
    document.getElementById('app').dataset.live = 'all';
  });
  connection.on(ClientMessages.ProfileChanged, onChange);
  connection.on(ClientMessages.ProfileRemoved, onRemoved);
  poll();
  setInterval(poll, pollMs);
  pollModels();
  setInterval(pollModels, modelsPollMs);
  setInterval(renderChangeRate, 500);
}

async function poll() {
  try {
    // The segments' progress is a side panel: its failure must not hold up the counts.
    const [stats, throughput, segments] = await Promise.all([
      session.get('/api/stats/classes'), session.get('/api/stats/throughput'), session.get('/api/segments').catch(() => null)]);
    applyStats(stats);
    applyThroughput(throughput);
    if (segments) renderSegmentList(document.getElementById('segment-progress'), segments.segments);
  } catch (e) {
    console.warn('poll failed', e);
  }
}

function applyStats(stats) {
  document.getElementById('total-customers').textContent = stats.customers.toLocaleString();
  document.getElementById('breakpoints-version').textContent = stats.breakpointsVersion;
  for (const [dimension, classes] of Object.entries(stats.classes)) {
    counts.set(dimension, new Map(Object.entries(classes)));
  }
  renderCharts();
  fillDimensionFilter();
}

async function pollModels() {
  try {
    renderModels(await session.get('/api/stats/models'));
  } catch (e) {
    console.warn('models poll failed', e);
  }
}

function renderModels(m) {
  const section = document.getElementById('models');
  if (!m || !m.version || String(m.version) === section.dataset.version) return;
  section.dataset.version = m.version;
  document.getElementById('models-version').textContent = m.version;
  const unit = m.timeUnitDays === 7 ? 'weeks' : m.timeUnitDays === 1 ? 'days' : `units of ${m.timeUnitDays} days`;
  const fit = f => f ? `${escapeHtml(f.status)}${f.converged ? ` in ${f.iterations} iterations` : ''}, log-likelihood ${number(f.logLikelihood, 1)}` : '—';
  const p = m.purchases, s = m.spend;
  document.getElementById('models-summary').innerHTML = `
    <span data-field="purchases"><b>BG/NBD</b> r ${number(p?.r)}, α ${number(p?.alpha)}, a ${number(p?.a)}, b ${number(p?.b)} (${unit}) · ${fit(p)}</span><br>
    <span data-field="spend"><b>Gamma-Gamma</b> p ${number(s?.p)}, q ${number(s?.q)}, γ ${number(s?.gamma)}, mean purchase ${number(s?.meanValue, 2)} · ${fit(s)}</span><br>
    <span class="muted">${m.customers.toLocaleString()} customers who bought · fitted ${escapeHtml(new Date(m.fittedAt).toLocaleString())}
      ${m.clusters ? ` · k = ${m.clusters.k} by silhouette ${number(m.clusters.silhouette, 2)}` : ' · too few distinct customers for clusters'}</span>`;
  const table = document.getElementById('clusters');
  const centroids = m.clusters?.centroids ?? [];
  table.hidden = centroids.length === 0;
  const largest = Math.max(1, ...centroids.map(c => c.customers));
  table.querySelector('tbody').innerHTML = centroids.map((c, i) => `
    <tr data-cluster="${escapeHtml(c.name)}">
      <td><span class="swatch" style="background:${palette[i % palette.length]}"></span><b>${escapeHtml(c.name)}</b></td>
      <td class="size"><span class="bar" style="width:${Math.round(100 * c.customers / largest)}%"></span><span class="count">${c.customers.toLocaleString()}</span></td>
      <td>${number(c.center.recency, 0)}</td><td>${number(c.center.frequency, 1)}</td><td>${number(c.center.monetary, 2)}</td>
    </tr>`).join('');
}

function number(value, digits = 3) {
  return value == null ? '—' : Number(value).toLocaleString(undefined, { maximumFractionDigits: digits });
}

function applyThroughput(t) {
  if (lastThroughput) {
    const seconds = (new Date(t.at) - new Date(lastThroughput.at)) / 1000;
    if (seconds > 0) {
      const rate = Math.max(0, (t.events - lastThroughput.events) / seconds);
      document.getElementById('events-rate').textContent = rate.toFixed(1);
    }
  }
  document.getElementById('events-total').textContent = t.events.toLocaleString();
  lastThroughput = t;
}

function onChange(change) {
  const now = Date.now();
  changeTimes.push(now);
  // Move the counts at once; the next poll brings the cluster's own numbers.
  const classes = counts.get(change.dimension) ?? new Map();
  counts.set(change.dimension, classes);
  if (change.oldClass != null) classes.set(change.oldClass, Math.max(0, (classes.get(change.oldClass) ?? 0) - 1));
  classes.set(change.newClass, (classes.get(change.newClass) ?? 0) + 1);
  feed.unshift(change);
  if (feed.length > feedKept) feed.length = feedKept;
  changesTotal += 1;
  document.getElementById('changes-total').textContent = changesTotal.toLocaleString();
  scheduleRender();
}

// An erased customer (GDPR) leaves every class it was in, and the feed forgets it.
function onRemoved(removal) {
  for (const [dimension, cls] of Object.entries(removal.classes ?? {})) {
    const classes = counts.get(dimension);
    if (classes?.has(cls)) classes.set(cls, Math.max(0, classes.get(cls) - 1));
  }
  const total = document.getElementById('total-customers');
  const shown = Number(total.textContent.replace(/[^0-9]/g, ''));
  if (shown > 0) total.textContent = (shown - 1).toLocaleString();
  for (let i = feed.length - 1; i >= 0; i--) if (feed[i].customerId === removal.customerId) feed.splice(i, 1);
  document.getElementById('app').dataset.lastRemoved = removal.customerId;
  scheduleRender();
}

let renderPending = false;
function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => { renderPending = false; renderCharts(); renderFeed(); });
}

function renderChangeRate() {
  const cutoff = Date.now() - rateWindowMs;
  while (changeTimes.length && changeTimes[0] < cutoff) changeTimes.shift();
  document.getElementById('changes-rate').textContent = (changeTimes.length / (rateWindowMs / 1000)).toFixed(1);
}

function orderedDimensions() {
  return [...counts.keys()].sort((a, b) => {
    const ia = preferredOrder.indexOf(a), ib = preferredOrder.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

function renderCharts() {
  const grid = document.getElementById('charts');
  for (const dimension of orderedDimensions()) {
    const classes = [...counts.get(dimension).entries()].sort((a, b) => a[0].localeCompare(b[0]));
    let entry = charts.get(dimension);
    if (!entry) {
      const card = document.createElement('section');
      card.className = 'card chart-card';
      card.dataset.dimension = dimension;
      card.innerHTML = `<h3>${escapeHtml(dimension)}</h3><div class="chart-box"><canvas></canvas></div><ul class="counts"></ul>`;
      grid.append(card);
      const chart = new Chart(card.querySelector('canvas'), {
        type: 'bar',
        data: { labels: [], datasets: [{ label: 'customers', data: [], backgroundColor: [] }] },
        options: {
          indexAxis: 'y', responsive: true, maintainAspectRatio: false,
          animation: { duration: 600 },
          plugins: { legend: { display: false } },
          onClick: (_, elements, chart) => { if (elements.length) members.open(dimension, chart.data.labels[elements[0].index]); },
          onHover: (event, elements) => { event.native.target.style.cursor = elements.length ? 'pointer' : 'default'; },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
      entry = { chart, list: card.querySelector('.counts') };
      charts.set(dimension, entry);
    }
    const { chart, list } = entry;
    chart.data.labels = classes.map(([name]) => name);
    chart.data.datasets[0].data = classes.map(([, count]) => count);
    chart.data.datasets[0].backgroundColor = classes.map((_, i) => palette[i % palette.length]);
    chart.update();
    list.innerHTML = classes.map(([name, count]) =>
      `<li data-class="${escapeHtml(name)}"><span class="name">${escapeHtml(name)}</span> <span class="count">${count}</span></li>`).join('');
  }
}

function fillDimensionFilter() {
  const select = document.getElementById('feed-dimension');
  const known = new Set([...select.options].map(o => o.value));
  for (const dimension of orderedDimensions()) {
    if (!known.has(dimension)) select.add(new Option(dimension, dimension));
  }
  fillClassFilter();
}

function fillClassFilter() {
  const dimension = document.getElementById('feed-dimension').value;
  const select = document.getElementById('feed-class');
  const current = select.value;
  const classes = dimension ? [...(counts.get(dimension)?.keys() ?? [])].sort() : [];
  const wanted = ['', ...classes];
  if ([...select.options].map(o => o.value).join('\n') === wanted.join('\n')) return;
  select.innerHTML = '';
  select.add(new Option('any class', ''));
  for (const name of classes) select.add(new Option(name, name));
  select.value = classes.includes(current) ? current : '';
  select.disabled = !dimension;
}

function renderFeed() {
  const dimension = document.getElementById('feed-dimension').value;
  const cls = document.getElementById('feed-class').value;
  const shown = feed.filter(c => (!dimension || c.dimension === dimension) && (!cls || c.newClass === cls || c.oldClass === cls)).slice(0, feedShown);
  document.getElementById('feed').innerHTML = shown.map(c => `
    <li data-dimension="${escapeHtml(c.dimension)}">
      <time>${escapeHtml(new Date(c.at).toLocaleTimeString())}</time>
      <a href="/agent?customer=${encodeURIComponent(c.customerId)}" target="_blank" rel="noopener">${escapeHtml(c.customerId)}</a>
      <span class="dimension">${escapeHtml(c.dimension)}</span>
      <span class="class old">${escapeHtml(c.oldClass ?? '—')}</span> → <span class="class new">${escapeHtml(c.newClass)}</span>
    </li>`).join('') || '<li class="empty">No tier changes yet.</li>';
}
