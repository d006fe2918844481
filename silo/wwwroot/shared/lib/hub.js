// The hall's live hub (/hubs/hall, docs/api.md). The browser client comes from npm and is
// served by the silo at /lib/signalr.js (UMD: it sets globalThis.signalR).
import '/lib/signalr.js';

const signalR = globalThis.signalR;

// Unattended screens must never give up: back off to 10 s and keep trying.
const retryDelay = n => Math.min(1000 * 2 ** n, 10000);

/**
 * Connects and keeps connected. `handlers` maps hub targets (HallState, TicketCalled, …) to
 * functions. Stale messages (seq ≤ the last HallState.seq) are dropped here, once for all pages.
 * `onStatus('online'|'offline')` drives each page's offline banner.
 * The server sends HallState first on every (re)connection, so a page resyncs by itself.
 * `token`, a paired device's, rides as access_token (browsers cannot give a WebSocket headers), so
 * revoking the device cuts this connection; people's cookies go along by themselves.
 */
export function connectHall(query, handlers, onStatus = () => {}, { token } = {}) {
  const url = '/hubs/hall?' + new URLSearchParams(query);
  const conn = new signalR.HubConnectionBuilder()
    .withUrl(url, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets, ...(token ? { accessTokenFactory: () => token } : {}) })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => retryDelay(ctx.previousRetryCount) })
    .withServerTimeout(30000)
    .configureLogging(signalR.LogLevel.None)
    .build();

  let lastStateSeq = -1;
  for (const [target, fn] of Object.entries(handlers)) {
    conn.on(target, msg => {
      if (target === 'HallState') lastStateSeq = msg?.seq ?? lastStateSeq;
      else if (typeof msg?.seq === 'number' && msg.seq <= lastStateSeq) return;
      fn(msg);
    });
  }

  let stopped = false;
  async function start() {
    for (let n = 0; !stopped; n++) {
      try {
        await conn.start();
        onStatus('online');
        return;
      } catch {
        onStatus('offline');
        await new Promise(r => setTimeout(r, retryDelay(n)));
      }
    }
  }
  conn.onreconnecting(() => onStatus('offline'));
  conn.onreconnected(() => onStatus('online'));
  // Automatic reconnect does not cover the initial start nor a close; start again ourselves.
  conn.onclose(() => { if (!stopped) { onStatus('offline'); start(); } });
  start();
  return { stop() { stopped = true; return conn.stop(); }, connection: conn };
}
