// The task page: the task's Camunda Form rendered with form-js (as Tasklist does), prefilled with the
// variables the form reads; claim, release and submit through the workspace's task API. The browser
// validates with the form's rules first; the server checks again and its answer is shown in place.
import { post } from './api.js';

const data = JSON.parse(document.getElementById('task-data').textContent);
const texts = document.getElementById('texts').dataset;
const message = document.getElementById('task-message');
const key = data.task.userTaskKey;
let form = null;

function show(text, kind) {
  message.hidden = false;
  message.className = `message ${kind}`;
  message.textContent = text;
}

/** form-js keeps errors by field id; the server names the field's key. */
function fieldIds(components, ids = {}) {
  for (const c of components || []) {
    if (c.key) ids[c.key] = c.id;
    fieldIds(c.components, ids);
  }
  return ids;
}

function showFieldErrors(errors) {
  const ids = fieldIds(data.form?.components);
  const inForm = {};
  const elsewhere = [];
  for (const e of errors) {
    if (form && ids[e.field]) (inForm[ids[e.field]] ||= []).push(e.message);
    else elsewhere.push(`${e.field}: ${e.message}`);
  }
  if (form && Object.keys(inForm).length) {
    // the same place form-js puts its own messages
    form._setState({ errors: { ...form._getState().errors, ...inForm } });
  }
  show([texts.fix, ...elsewhere].join(' '), 'error');
}

async function act(button, path, body) {
  const buttons = document.querySelectorAll('.actions button');
  buttons.forEach((b) => { b.disabled = true; });
  show(texts.working, 'info');
  const result = await post(`/api/tasks/${key}/${path}`, body);
  buttons.forEach((b) => { b.disabled = false; });
  if (result.ok) return true;
  if (result.status === 400 && Array.isArray(result.problem.errors)) showFieldErrors(result.problem.errors);
  else show(result.problem.detail || `HTTP ${result.status}`, 'error');
  return false;
}

async function start() {
  if (data.form) {
    form = new window.FormViewer.Form({ container: document.getElementById('form') });
    await form.importSchema(data.form, data.variables || {});
    if (!data.mayComplete) form.setProperty('readOnly', true);
  }
  document.getElementById('claim')?.addEventListener('click', async (e) => {
    if (await act(e.target, 'claim')) window.location.reload();
  });
  document.getElementById('unclaim')?.addEventListener('click', async (e) => {
    if (await act(e.target, 'unclaim')) window.location.reload();
  });
  document.getElementById('complete')?.addEventListener('click', async (e) => {
    const submitted = form ? form.submit() : { data: {}, errors: {} };
    if (Object.keys(submitted.errors).length) {
      show(texts.fix, 'error');
      return;
    }
    const variables = {};
    for (const field of data.writableFields) {
      if (field in submitted.data && submitted.data[field] !== undefined) variables[field] = submitted.data[field];
    }
    if (await act(e.target, 'completion', { variables })) {
      show(texts.done, 'success');
      document.querySelectorAll('.actions button').forEach((b) => { b.disabled = true; });
      setTimeout(() => window.location.assign('/tasks'), 1200);
    }
  });
  document.body.dataset.ready = 'true';
}

start().catch((e) => show(String(e), 'error'));
