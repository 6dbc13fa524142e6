// Calls of the workspace pages to their own server: session cookie plus the CSRF token of the page.
// A 401 means the session ended (timeout or logout elsewhere): back to the login page.
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;

export async function post(path, body) {
  const headers = { 'X-Requested-With': 'fetch', Accept: 'application/json' };
  const header = meta('_csrf_header');
  if (header) headers[header] = meta('_csrf');
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: 'POST', headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    window.location.assign('/login?expired');
    return { ok: false, status: 401, problem: {} };
  }
  if (response.ok) return { ok: true, status: response.status, problem: {} };
  let problem = {};
  try { problem = await response.json(); } catch (e) { /* not JSON: the status says enough */ }
  return { ok: false, status: response.status, problem };
}

/**
 * Waits until the task as the server reads it satisfies {@code done} (the engine's read side may lag
 * a moment behind a command, on a cluster as here), at most a few seconds.
 */
export async function settled(key, done) {
  for (let i = 0; i < 25; i += 1) {
    const response = await fetch(`/api/tasks/${key}`, {
      headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' }, credentials: 'same-origin',
    });
    if (!response.ok || done(await response.json())) return;
    await new Promise((resolve) => { setTimeout(resolve, 200); });
  }
}
