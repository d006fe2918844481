// The hall's live hub (/hubs/hall, docs/api.md). The browser client comes from npm and is
// served by the silo at /lib/signalr.js (UMD: it sets globalThis.signalR).
import '/lib/signalr.js';

const signalR = globalThis.signalR;

// Unattended screens must never give up: back off to 10 s and keep trying.
const retryDelay = n => Math.min(1000 * 2 ** n, 10000);

/**
 * Connects and keeps connected. `handlers` maps hub targets (HallState, TicketCalled, …) to
 * functions. Stale messages (seq ≤ the last HallState.seq) are dropped here, once for all pages, and a message
 * missed (a skipped messageNo) has the state fetched again.
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
  // The screens' messages are numbered by the silo that sends them; the backplane between silos may lose one, so a
  // number skipped (or a new sender's count after a failover) means the state is fetched again. Every numbered target
  // is listened to for its number, handled or not.
  let lastNo = null;
  const onState = handlers.HallState;
  function state(msg) {
    lastStateSeq = msg?.seq ?? lastStateSeq;
    onState(msg);
  }
  async function refetch() {
    try {
      const r = await fetch('/api/halls/' + encodeURIComponent(query.hall), { cache: 'no-store' });
      if (r.ok) { const s = await r.json(); if (s.seq > lastStateSeq) state(s); }
    } catch { /* offline: the reconnection sends the state */ }
  }
  const numbered = ['HallState', 'TicketCalled', 'WindowChanged', 'QueueChanged', 'NoticePosted'];
  for (const target of new Set([...numbered, ...Object.keys(handlers)])) {
    const fn = handlers[target];
    conn.on(target, msg => {
      const no = msg?.messageNo;
      if (typeof no === 'number') {
        if (onState && lastNo !== null && no !== lastNo + 1) refetch();
        lastNo = no;
      }
      if (target === 'HallState') {
        if (typeof no !== 'number') lastNo = null;   // the state sent on joining: the next message sets the count
        if (onState) state(msg);
        return;
      }
      if (!fn || (typeof msg?.seq === 'number' && msg.seq <= lastStateSeq)) return;
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
  // Automatic reconnect does not cover the initial start nor a close (the server cutting a withdrawn credential sends
  // one): start again ourselves, from a later task, since the client is still tearing the old connection down while
  // it calls onclose, and a start from inside it fails on the half-gone transport without sending the handshake.
  conn.onclose(() => { if (!stopped) { onStatus('offline'); setTimeout(start, 0); } });
  start();
  return { stop() { stopped = true; return conn.stop(); }, connection: conn };
}
