// The case page's process trace: the instance's BPMN diagram (bpmn-js navigated viewer, global
// BpmnJS) with the path taken marked as Operate marks it, from the page's own JSON endpoint
// (/applications/{id}/trace, GET). Selecting an element lists its element instances.
const root = document.getElementById('trace');
const text = (name) => root.dataset[`text${name}`];
const TAKEN = '#12b76a';

const time = (iso) => (iso ? new Date(iso).toLocaleString(root.dataset.lang === 'en' ? 'en-GB' : 'zh-CN',
  { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c ?? ''))));
  return node;
}

function variables(list) {
  if (!list.length) return '—';
  return el('ul', { class: 'variables' }, list.map((v) => el('li', {}, el('code', {}, v.name), ' = ',
    el('span', { class: 'value' }, v.value + (v.truncated ? ' …' : '')))));
}

function showElement(data, element) {
  const box = document.getElementById('element-detail');
  const instances = data.instances[element.id] || [];
  box.replaceChildren(el('h3', {}, data.names[element.id] || element.businessObject?.name || element.id, ' ',
    el('small', {}, element.id)));
  box.dataset.elementId = element.id;
  if (!instances.length) {
    box.append(el('p', { class: 'hint' }, text('None')));
    return;
  }
  box.append(el('table', { class: 'compact', id: 'element-instances' },
    el('thead', {}, el('tr', {}, ['#', text('State'), text('Start'), text('End'), text('By'), text('Variables')]
      .map((h) => el('th', {}, h)))),
    el('tbody', {}, instances.map((i) => el('tr', { 'data-key': i.elementInstanceKey, class: `state-${i.state}` },
      el('td', {}, el('code', {}, i.type)), el('td', {}, i.state + (i.incident ? ` · ${text('Incident')}` : '')),
      el('td', {}, time(i.startDate)), el('td', {}, time(i.endDate)),
      el('td', { class: 'by' }, i.by.join(', ') || '—'), el('td', {}, variables(i.variables)))))));
}

// As tall as the diagram needs at the page's width (a wide process leaves no empty band), then fitted.
function fit(viewer) {
  const canvas = viewer.get('canvas');
  const box = document.getElementById('diagram');
  const { inner } = canvas.viewbox();
  if (inner.width > 0) {
    box.style.height = `${Math.max(240, Math.min(620, Math.round((box.clientWidth * inner.height) / inner.width) + 48))}px`;
    canvas.resized();
  }
  canvas.zoom('fit-viewport');
}

function mark(viewer, data) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  const graphics = viewer.get('graphicsFactory');
  Object.entries(data.elements).forEach(([id, c]) => {
    const shape = registry.get(id);
    if (!shape) return;
    // an expanded sub-process is a frame around its elements: outlined, never filled
    if (shape.businessObject?.$type === 'bpmn:SubProcess' && shape.di?.isExpanded !== false) {
      canvas.addMarker(id, c.active > 0 ? 'trace-scope-active' : 'trace-scope-completed');
      return;
    }
    if (c.completed > 0) canvas.addMarker(id, 'trace-completed');
    if (c.active > 0) canvas.addMarker(id, 'trace-active');
    if (c.canceled > 0 && !c.completed && !c.active) canvas.addMarker(id, 'trace-canceled');
    if (c.incidents > 0) canvas.addMarker(id, 'trace-incident');
    if (c.multiInstance || c.instances > 1) {
      overlays.add(id, 'trace-count', {
        position: { top: -10, right: 10 },
        html: `<span class="trace-badge" title="${c.completed} ✓ · ${c.active} ▶">${c.instances}</span>`,
      });
    }
    if (c.active > 0) {
      overlays.add(id, 'trace-active', { position: { bottom: 8, left: -8 }, html: '<span class="trace-dot"></span>' });
    }
  });
  data.takenFlows.forEach((id) => {
    const flow = registry.get(id);
    if (!flow) return;
    canvas.addMarker(id, 'trace-taken');
    flow.di.set('stroke', TAKEN);
    graphics.update('connection', flow, registry.getGraphics(id));
  });
}

function incidents(data) {
  const box = document.getElementById('incidents');
  if (!data.incidents.length) return;
  box.hidden = false;
  box.replaceChildren(el('h3', {}, text('Incident')), el('ul', {}, data.incidents.map((i) =>
    el('li', {}, el('code', {}, i.elementId), ' ', i.type, ': ', i.message || '', ' · ', time(i.created), ' · ', i.state))));
}

async function load() {
  const state = document.getElementById('trace-state');
  const response = await fetch(root.dataset.traceUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) { window.location.assign('/login?expired'); return; }
  if (!response.ok) throw new Error(`trace ${response.status}`);
  const data = await response.json();
  const viewer = new window.BpmnJS({ container: '#diagram' });
  await viewer.importXML(data.xml);
  fit(viewer);
  mark(viewer, data);
  incidents(data);
  state.textContent = `${data.bpmnProcessId} v${data.version} · ${data.state} · ${time(data.startDate)} – ${time(data.endDate)}`;
  const processVariables = el('details', { class: 'process-variables' }, el('summary', {}, text('Process')),
    variables(data.processVariables));
  document.getElementById('element-detail').after(processVariables);
  viewer.get('eventBus').on('element.click', (event) => showElement(data, event.element));
  root.dataset.readyAt = String(Math.round(performance.now()));
  root.dataset.state = 'ready';
  window.caseTrace = { viewer, data };
}

load().catch((e) => {
  root.dataset.state = 'failed';
  document.getElementById('trace-state').textContent = `${text('Failed')} (${e.message})`;
});
