// The page of entigraph serve. Plain DOM and Cytoscape.js; every text from
// the server goes into the page as text, never as HTML.
import cytoscape from 'cytoscape';

const TYPE_COLOURS = { PERSON: '#4a86c5', ORG: '#e69138', LOC: '#6aa84f' };
const COMMUNITY_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1b9e77', '#d95f02', '#7570b3', '#e7298a'];
const TYPE_NAMES = { PERSON: 'person', ORG: 'organization', LOC: 'place' };

const state = {
  cy: null,
  net: null, // the last /api/network answer
  byId: new Map(), // node id -> node data
  docs: [],
  currentDoc: null,
  timings: {},
};
// For scripts and the end-to-end tests.
window.entigraph = state;

const $ = (id) => document.getElementById(id);

// el makes an element; children are nodes or strings (as text).
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  }
  return e;
}

async function api(method, url, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(url, opts);
  if (!r.ok) {
    let msg = r.status + ' ' + r.statusText;
    try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return r;
}

function setStatus(text) { $('status').textContent = text; }

// ---- documents ----

async function refreshDocs() {
  state.docs = await (await api('GET', '/api/documents')).json();
  const list = $('doc-list');
  list.replaceChildren(...state.docs.map((d) => el('li', {
    dataset: { id: d.id }, class: d.id === state.currentDoc ? 'current' : '',
    onclick: () => showDocument(d.id),
  }, el('span', { class: 'id' }, d.id), el('span', { class: 'meta' }, `${d.entities} entities · ${d.title}`))));
  $('doc-count').textContent = `(${state.docs.length})`;
}

async function addTexts(texts) {
  $('add-error').textContent = '';
  setStatus('extracting…');
  try {
    const added = await (await api('POST', '/api/documents', { documents: texts })).json();
    await refreshDocs();
    await refreshNetwork();
    if (added.length) await showDocument(added[added.length - 1].id);
    return added;
  } catch (e) {
    $('add-error').textContent = e.message;
    setStatus('');
    throw e;
  }
}

function textOfHTML(html) {
  const d = new DOMParser().parseFromString(html, 'text/html');
  for (const x of d.querySelectorAll('script, style, nav, aside, footer, header, noscript')) x.remove();
  const root = d.querySelector('article') || d.querySelector('main') || d.body;
  return root ? root.innerText || root.textContent : '';
}

async function upload(files) {
  const texts = [];
  for (const f of files) {
    let text = await f.text();
    if (/\.html?$/i.test(f.name)) text = textOfHTML(text);
    texts.push({ id: f.name, text });
  }
  if (texts.length) await addTexts(texts).catch(() => {});
}

// showDocument shows a document's text with its entities marked by type;
// focus, an entity id, is outlined.
async function showDocument(id, focus) {
  const d = await (await api('GET', '/api/document?id=' + encodeURIComponent(id))).json();
  state.currentDoc = id;
  for (const li of $('doc-list').children) li.classList.toggle('current', li.dataset.id === id);
  const bytes = new TextEncoder().encode(d.text);
  const dec = new TextDecoder();
  const spans = [];
  for (const e of d.document.entities) {
    for (const m of e.mentions) spans.push({ start: m.start, end: m.end, e });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end > bytes.length) continue; // overlapping
    parts.push(dec.decode(bytes.subarray(at, s.start)));
    parts.push(el('mark', {
      class: `ent ${s.e.type}` + (s.e.id === focus ? ' focus' : ''),
      title: `${s.e.name} (${TYPE_NAMES[s.e.type] || s.e.type})`,
      dataset: { entity: s.e.id },
      onclick: () => selectNode(s.e.id),
    }, dec.decode(bytes.subarray(s.start, s.end))));
    at = s.end;
  }
  parts.push(dec.decode(bytes.subarray(at)));
  const counts = { PERSON: 0, ORG: 0, LOC: 0 };
  for (const e of d.document.entities) counts[e.type] = (counts[e.type] || 0) + 1;
  $('doc-view').replaceChildren(
    el('h3', {}, d.id),
    el('p', { class: 'hint' }, `${counts.PERSON} people · ${counts.ORG} organizations · ${counts.LOC} places`),
    d.text ? el('div', { class: 'text' }, parts) : el('p', { class: 'hint' }, 'The text of this document is not known (read from JSON Lines).'),
  );
  const f = $('doc-view').querySelector('mark.focus');
  if (f) f.scrollIntoView({ block: 'center' });
}

// ---- the network ----

function cyStyle(big) {
  return [
    { selector: 'node', style: {
      'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
      label: 'data(label)', 'font-size': 'data(font)', 'min-zoomed-font-size': big ? 11 : 7,
      'text-valign': 'bottom', 'text-margin-y': 2, color: '#333',
      // Outlines and borders cost much with thousands of nodes.
      'text-outline-color': '#fcfcfb', 'text-outline-width': big ? 0 : 1.5,
      'border-width': big ? 0 : 1, 'border-color': '#fff',
    } },
    { selector: 'node[type="ORG"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[type="LOC"]', style: { shape: 'hexagon' } },
    { selector: 'edge', style: {
      width: 'data(width)', 'line-color': '#c4c4c4', 'curve-style': 'haystack',
    } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#c00' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#222' } },
    { selector: 'edge:selected', style: { 'line-color': '#c00', opacity: 1 } },
  ];
}

function sqrtScale(x, lo, hi, a, b) {
  if (!(hi > lo)) return a;
  return a + (b - a) * Math.sqrt(Math.max(0, Math.min(1, (x - lo) / (hi - lo))));
}

// restyle sets each node's colour and size as the toolbar says.
function restyle() {
  const cy = state.cy;
  if (!cy) return;
  const by = $('color-by').value;
  const metric = $('size-by').value;
  const key = { pagerank: 'pagerank', betweenness: 'betweenness', degree: 'degree', mentions: 'mentions' }[metric];
  let lo = Infinity; let hi = -Infinity;
  cy.nodes().forEach((n) => { const v = n.data(key) || 0; lo = Math.min(lo, v); hi = Math.max(hi, v); });
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const size = sqrtScale(n.data(key) || 0, lo, hi, 12, 50);
      n.data({
        colour: by === 'type' ? (TYPE_COLOURS[n.data('type')] || '#999')
          : COMMUNITY_COLOURS[(n.data('community') || 0) % COMMUNITY_COLOURS.length],
        size,
        font: Math.round(9 + size / 6),
      });
    });
  });
}

async function refreshNetwork() {
  const t0 = performance.now();
  setStatus('building the network…');
  const net = await (await api('GET', '/api/network')).json();
  const t1 = performance.now();
  state.net = net;
  const g = net.graph;
  state.byId = new Map(g.nodes.map((n) => [n.id, n]));
  let wmax = 0;
  for (const l of g.links) wmax = Math.max(wmax, l.weight);
  // The elements carry only what the style and the filters read; the
  // panels read state.byId and state.net.
  const elements = [];
  for (const n of g.nodes) {
    const p = net.positions[n.id] || [0, 0];
    elements.push({ group: 'nodes', data: {
      id: n.id, label: n.label, type: n.type, community: n.community, pagerank: n.pagerank,
      betweenness: n.betweenness, degree: n.degree, mentions: n.mentions, colour: '#999', size: 20, font: 10,
    }, position: { x: p[0], y: p[1] } });
  }
  g.links.forEach((l, i) => {
    elements.push({ group: 'edges', data: {
      id: 'e' + i, source: l.source, target: l.target, weight: l.weight, count: l.count,
      link: i, width: sqrtScale(l.weight, 0, wmax, 1, 8),
    } });
  });
  const big = g.nodes.length > 500;
  if (state.cy) state.cy.destroy();
  const cy = cytoscape({
    container: $('cy'), style: cyStyle(big), minZoom: 0.02, maxZoom: 6,
    hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : 'auto',
    motionBlur: false, boxSelectionEnabled: false,
  });
  state.cy = cy;
  cy.batch(() => {
    cy.add(elements);
    restyle();
    applyFilters();
  });
  const tc = performance.now();
  cy.fit(undefined, 30);
  if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  cy.on('tap', 'node', (ev) => showNode(ev.target.id()));
  cy.on('tap', 'edge', (ev) => showEdge(ev.target));
  cy.on('tap', (ev) => { if (ev.target === cy) $('details').replaceChildren(el('p', { class: 'hint' }, 'Click a node or an edge.')); });
  $('empty').classList.toggle('gone', g.nodes.length > 0);
  await new Promise((resolve) => { cy.one('render', resolve); cy.forceRender(); setTimeout(resolve, 2000); });
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const t2 = performance.now();
  state.timings = {
    fetch: Math.round(t1 - t0), draw: Math.round(t2 - t1), total: Math.round(t2 - t0),
    create: Math.round(tc - t1), render: Math.round(t2 - tc),
  };
  setStatus(`${state.docs.length} documents · ${g.nodes.length} entities · ${g.links.length} links`);
  document.body.dataset.nodes = String(g.nodes.length);
  document.body.dataset.ready = 'true';
}

// applyFilters shows the nodes of the checked types, the edges of at least
// the minimum weight between them (and, above a minimum weight of 1, only
// the nodes with such an edge), and, when searching, the nodes whose names
// match and their neighbours.
function applyFilters() {
  const cy = state.cy;
  if (!cy) return;
  const types = new Set([...document.querySelectorAll('.type-filter:checked')].map((c) => c.value));
  const minW = Math.max(1, Number($('min-weight').value) || 1);
  const q = $('search').value.trim().toLowerCase();
  cy.batch(() => {
    const typeOK = (n) => types.has(n.data('type'));
    cy.edges().forEach((e) => {
      const show = e.data('count') >= minW && typeOK(e.source()) && typeOK(e.target());
      e.toggleClass('hidden', !show);
    });
    let keep = null;
    cy.nodes().removeClass('match');
    if (q) {
      keep = new Set();
      cy.nodes().forEach((n) => {
        const d = n.data();
        if (!typeOK(n)) return;
        const names = [d.label, ...(state.byId.get(d.id).aliases || [])];
        if (names.some((s) => s.toLowerCase().includes(q))) {
          n.addClass('match');
          keep.add(n.id());
          n.connectedEdges().not('.hidden').forEach((e) => { keep.add(e.source().id()); keep.add(e.target().id()); });
        }
      });
    }
    cy.nodes().forEach((n) => {
      let show = typeOK(n) && (!keep || keep.has(n.id()));
      if (show && minW > 1) show = n.connectedEdges().not('.hidden').length > 0;
      n.toggleClass('hidden', !show);
    });
    cy.edges().forEach((e) => {
      if (!e.hasClass('hidden') && (e.source().hasClass('hidden') || e.target().hasClass('hidden'))) e.addClass('hidden');
    });
  });
}

function visibleNodeIds() {
  return state.cy ? state.cy.nodes().not('.hidden').map((n) => n.id()) : [];
}

function selectNode(id) {
  const cy = state.cy;
  if (!cy) return;
  const n = cy.getElementById(id);
  if (n.empty()) return;
  cy.elements().unselect();
  n.select();
  if (!n.hasClass('hidden')) cy.animate({ center: { eles: n } }, { duration: 200 });
  showNode(id);
}

function fmt(x) { return typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toPrecision(3)) : String(x ?? ''); }

function showNode(id) {
  const d = state.byId.get(id);
  if (!d) return;
  const docs = (state.net.documents[id] || []);
  const node = state.cy.getElementById(id);
  const neighbours = node.connectedEdges().map((e) => ({ e, other: e.source().id() === id ? e.target() : e.source() }))
    .sort((a, b) => b.e.data('weight') - a.e.data('weight')).slice(0, 12);
  $('details').replaceChildren(
    el('h3', { id: 'node-name' }, d.label, ' ', el('span', { class: `badge ${d.type}` }, TYPE_NAMES[d.type] || d.type)),
    el('dl', {},
      el('dt', {}, 'id'), el('dd', {}, d.id),
      el('dt', {}, 'mentions'), el('dd', {}, fmt(d.mentions)),
      el('dt', {}, 'documents'), el('dd', {}, fmt(d.documents)),
      el('dt', {}, 'links'), el('dd', {}, fmt(d.degree)),
      el('dt', {}, 'PageRank'), el('dd', {}, fmt(d.pagerank)),
      el('dt', {}, 'betweenness'), el('dd', {}, fmt(d.betweenness)),
      el('dt', {}, 'community'), el('dd', {}, fmt(d.community)),
      d.country ? [el('dt', {}, 'country'), el('dd', {}, d.country)] : null,
    ),
    el('h4', {}, 'Aliases'),
    el('ul', { id: 'node-aliases' }, (d.aliases || []).map((a) => el('li', {}, a))),
    el('h4', {}, 'Roles'),
    (d.roles && d.roles.length) ? el('ul', { id: 'node-roles' }, d.roles.map((r) => el('li', {}, r)))
      : el('p', { id: 'node-roles', class: 'hint' }, 'none found'),
    el('h4', {}, docs.length < d.documents ? `Documents (the first ${docs.length} of ${d.documents})` : `Documents (${docs.length})`),
    el('ul', { id: 'node-docs' }, docs.map((doc) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => showDocument(doc, id) }, doc)))),
    neighbours.length ? el('h4', {}, 'Linked most with') : null,
    neighbours.length ? el('ul', {}, neighbours.map(({ e, other }) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => selectNode(other.id()) }, other.data('label')),
      ` (${fmt(e.data('weight'))})`))) : null,
  );
}

function showEdge(edge) {
  const l = state.net.graph.links[edge.data('link')];
  const a = state.byId.get(l.source); const b = state.byId.get(l.target);
  const ev = l.evidence || [];
  $('details').replaceChildren(
    el('h3', { id: 'edge-name' }, a.label, ' — ', b.label),
    el('dl', {},
      el('dt', {}, 'weight'), el('dd', {}, fmt(l.weight)),
      el('dt', {}, 'windows'), el('dd', {}, fmt(l.count)),
      el('dt', {}, 'documents'), el('dd', {}, fmt(l.documents)),
      el('dt', {}, 'NPMI'), el('dd', {}, fmt(l.npmi)),
    ),
    el('h4', {}, 'Evidence'),
    el('div', { id: 'edge-evidence' }, ev.length ? ev.map((x) => el('div', { class: 'evidence' },
      el('button', { type: 'button', class: 'link src', onclick: () => showDocument(x.document, l.source) }, x.document),
      x.text || `bytes ${x.start}–${x.end}`)) : el('p', { class: 'hint' }, 'none kept')),
  );
}

// ---- downloads ----

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function download(format) {
  if (!state.cy) return;
  if (format === 'png') {
    save(state.cy.png({ output: 'blob', bg: '#ffffff', scale: 2, maxWidth: 4000, maxHeight: 4000 }), 'entigraph.png');
    return;
  }
  const types = [...document.querySelectorAll('.type-filter:checked')].map((c) => c.value);
  const r = await api('POST', '/api/export', {
    format, types, min_weight: Math.max(1, Number($('min-weight').value) || 1), nodes: visibleNodeIds(),
  });
  const ext = { dot: 'dot', graphml: 'graphml', gexf: 'gexf', json: 'json' }[format];
  save(await r.blob(), 'entigraph.' + ext);
}

// ---- wiring ----

function debounce(f, ms) {
  let t = 0;
  return (...a) => { clearTimeout(t); t = setTimeout(() => f(...a), ms); };
}

async function start() {
  $('add-btn').addEventListener('click', () => {
    const text = $('doc-text').value;
    if (!text.trim()) { $('add-error').textContent = 'Paste the text of an article first.'; return; }
    addTexts([{ id: $('doc-id').value.trim(), text }]).then(() => { $('doc-text').value = ''; $('doc-id').value = ''; }, () => {});
  });
  $('upload').addEventListener('change', (ev) => { upload([...ev.target.files]); ev.target.value = ''; });
  $('clear-btn').addEventListener('click', async () => {
    await api('DELETE', '/api/documents');
    $('doc-view').replaceChildren();
    state.currentDoc = null;
    await refreshDocs();
    await refreshNetwork();
  });
  $('color-by').addEventListener('change', restyle);
  $('size-by').addEventListener('change', restyle);
  for (const c of document.querySelectorAll('.type-filter')) c.addEventListener('change', applyFilters);
  $('min-weight').addEventListener('input', debounce(applyFilters, 150));
  $('search').addEventListener('input', debounce(() => {
    applyFilters();
    const m = state.cy && state.cy.nodes('.match');
    if (!m || m.empty()) return;
    const view = m.closedNeighborhood().not('.hidden');
    // Each frame of an animation draws the whole graph: none for a big one.
    if (state.cy.nodes().length > 500) state.cy.fit(view, 40);
    else state.cy.animate({ fit: { eles: view, padding: 40 } }, { duration: 200 });
  }, 200));
  $('fit-btn').addEventListener('click', () => state.cy && state.cy.fit(state.cy.elements().not('.hidden'), 30));
  for (const b of document.querySelectorAll('.dl')) {
    b.addEventListener('click', () => download(b.dataset.format).catch((e) => setStatus('download failed: ' + e.message)));
  }
  try {
    await refreshDocs();
    await refreshNetwork();
  } catch (e) {
    setStatus('error: ' + e.message);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
