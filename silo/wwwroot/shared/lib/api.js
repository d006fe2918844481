// Talks to the silo's REST API (docs/api.md). Every refusal arrives as problem+json and is
// thrown as ApiError carrying the Chinese message (zh) to show as it is. A 401 sign-in-required
// (the session ended, the account was disabled, the device was revoked) is also announced on the
// window as a 'sign-in-required' event, so the page's sign-in or not-paired screen takes over
// wherever the call was made.

export class ApiError extends Error {
  constructor({ status = 0, code = 'network', zh, en }) {
    super(en || zh);
    this.status = status; this.code = code;
    this.zh = zh || '网络连接中断，请稍后再试';
  }
  get isNetwork() { return this.status === 0; }
}

/** A random UUID. crypto.randomUUID needs a secure context, which a hall's http LAN is not. */
export function newKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * fetch + JSON + problem details. `key` sends an Idempotency-Key; a network failure is retried
 * `retries` times with the same key, so the silo acts once however often the request arrives.
 * `token` is a paired device's (Authorization: Bearer); people need none, their cookie goes along.
 * Returns { status, body } (body null for 202/204).
 */
export async function api(path, { method = 'GET', body, key, token, retries = 0, timeoutMs = 8000 } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  if (token) headers.Authorization = `Bearer ${token}`;
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(path, {
        method, headers, cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      if (attempt < retries) { await sleep(400 * (attempt + 1)); continue; }
      throw new ApiError({});
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: handled below */ }
    if (res.ok) return { status: res.status, body: json };
    if (res.status >= 502 && res.status <= 504 && attempt < retries) { await sleep(400 * (attempt + 1)); continue; }
    if (res.status === 401 && json?.code === 'sign-in-required') dispatchEvent(new CustomEvent('sign-in-required', { detail: { path } }));
    throw new ApiError({
      status: res.status, code: json?.code ?? `http-${res.status}`,
      zh: json?.zh ?? json?.title ?? `服务暂时不可用（${res.status}）`, en: json?.en ?? json?.detail,
    });
  }
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** The path segments after the page name: /kiosk/xuanen → ['xuanen']. */
export function pathArgs() {
  return location.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
}

export const hallPath = hallId => `/api/halls/${encodeURIComponent(hallId)}`;
