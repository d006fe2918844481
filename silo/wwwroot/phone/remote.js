// 线上取号 on this phone: the ticket taken here, so the door's check-in QR (/arrive/{hallId}) knows whose it is.
// A browser other than the one that took it (WeChat's scanner opens its own) has no record: the page says what to do.
const keyOf = hallId => `queue.remote.${hallId}`;

export function remember(hallId, ticketId) {
  try { localStorage.setItem(keyOf(hallId), ticketId); } catch { /* private mode: the kiosk's 预约签到 still works */ }
}

export function remembered(hallId) {
  try { return localStorage.getItem(keyOf(hallId)); } catch { return null; }
}
