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
