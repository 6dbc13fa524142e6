// The inbox stays current without a reload: every few seconds it asks the server for its rows again
// (the same query, server-rendered) and swaps them in when a colleague claimed or completed a task.
const table = document.getElementById('tasks');
const total = document.getElementById('task-total');
const refreshed = document.getElementById('refreshed');
const EVERY_MS = 5000;

async function refresh() {
  if (document.hidden) return;
  let response;
  try {
    response = await fetch(table.dataset.refresh, {
      headers: { 'X-Requested-With': 'fetch' }, credentials: 'same-origin', redirect: 'manual',
    });
  } catch (e) {
    return; // offline for a moment: try again next time
  }
  if (response.type === 'opaqueredirect' || response.status === 401) {
    window.location.assign('/login?expired');
    return;
  }
  if (!response.ok) return;
  const template = document.createElement('template');
  template.innerHTML = (await response.text()).trim();
  const next = template.content.querySelector('tbody');
  const current = document.getElementById('task-rows');
  if (next && current && next.innerHTML.trim() !== current.innerHTML.trim()) {
    current.replaceWith(next);
    if (total && total.dataset.pattern) total.textContent = total.dataset.pattern.replace('{0}', next.dataset.total);
    refreshed.hidden = false;
    setTimeout(() => { refreshed.hidden = true; }, 2000);
  }
}

setInterval(refresh, EVERY_MS);
