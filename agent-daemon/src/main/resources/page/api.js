// The daemon's API as the page uses it: same origin, the session cookie, and the header that
// marks a request that changes something as the page's own.

export class SignedOut extends Error {}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** path with the non-empty params as its query. */
export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function answer(response) {
  if (response.status === 401) {
    throw new SignedOut('not signed in');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return body;
}

export async function get(path, params, signal) {
  return answer(await fetch(url(path, params), { credentials: 'same-origin', signal }));
}

export async function post(path, params) {
  return answer(
    await fetch(url(path, params), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-Ironcliw-Request': '1' },
    }),
  );
}

export async function del(path, params) {
  return answer(
    await fetch(url(path, params), {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { 'X-Ironcliw-Request': '1' },
    }),
  );
}

/** Whether this browser has a session (asked without a 401, so the console stays clean). */
export async function signedIn() {
  const body = await answer(await fetch('/api/v1/session', { credentials: 'same-origin' }));
  return body.signedIn === true;
}
