// The task page: the task's Camunda Form rendered with form-js (as Tasklist does), prefilled with the
// variables the form reads; claim, release and submit through the workspace's task API. The browser
// validates with the form's rules first; the server checks again and its answer is shown in place.
import { post, settled } from './api.js';

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

/** The labels of the fields with errors, so that a person knows where to look in a long form. */
function labels(errorIds) {
  const byId = {};
  (function walk(components) {
    for (const c of components || []) {
      byId[c.id] = c.label || c.key;
      walk(c.components);
    }
  }(data.form?.components));
  return errorIds.map((id) => byId[id.replace(/^fjs-form-[^-]*-/, '')] || byId[id] || id).join('、');
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

/** form-js 1.x speaks English only: in Chinese, its messages get a Chinese text in front. */
const CHINESE = [
  [/^Field is required\.$/, () => '必填'],
  [/^Field must have minimum length of (\S+)\.$/, (n) => `至少 ${n} 个字符`],
  [/^Field must have maximum length of (\S+)\.$/, (n) => `最多 ${n} 个字符`],
  [/^Field must have minimum value of (\S+)\.$/, (n) => `不得小于 ${n}`],
  [/^Field must have maximum value of (\S+)\.$/, (n) => `不得大于 ${n}`],
  [/^Value is not a number\.$/, () => '请输入数字'],
  [/^Field must match pattern/, () => '格式不符合要求'],
  [/^Field must be a valid email\.$/, () => '请输入有效的电子邮箱'],
];

function localizeValidation(viewer) {
  if (!document.documentElement.lang.startsWith('zh')) return;
  const validator = viewer.get('validator');
  const validate = validator.validateFieldInstance.bind(validator);
  validator.validateFieldInstance = (instance, value) => validate(instance, value).map((message) => {
    const rule = CHINESE.find(([pattern]) => pattern.test(message));
    return rule ? `${rule[1](...(message.match(rule[0]).slice(1)))} / ${message}` : message;
  });
}

async function start() {
  if (data.form) {
    form = new window.FormViewer.Form({ container: document.getElementById('form') });
    localizeValidation(form);
    window.workspaceForm = form; // for the browser tests: what form-js holds, not only what the DOM shows
    await form.importSchema(data.form, data.variables || {});
    if (!data.mayComplete) form.setProperty('readOnly', true);
  }
  document.getElementById('claim')?.addEventListener('click', async (e) => {
    if (await act(e.target, 'claim')) {
      await settled(key, (t) => t.task.assignee !== null);
      window.location.reload();
    }
  });
  document.getElementById('unclaim')?.addEventListener('click', async (e) => {
    if (await act(e.target, 'unclaim')) {
      await settled(key, (t) => t.task.assignee === null);
      window.location.reload();
    }
  });
  document.getElementById('complete')?.addEventListener('click', async (e) => {
    const submitted = form ? form.submit() : { data: {}, errors: {} };
    if (Object.keys(submitted.errors).length) {
      show(`${texts.fix} ${labels(Object.keys(submitted.errors))}`, 'error');
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
  // ms since navigation: the task page is usable (form rendered, buttons wired); the benchmark reads it
  document.body.dataset.readyAt = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

start().catch((e) => show(String(e), 'error'));
