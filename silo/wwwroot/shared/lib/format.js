// Cached Intl formatters and one shared one-second ticker for every clock and timer on a page.

const cache = new Map();
function fmt(key, make) {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
}

export const timeOf = (date, timeZone) =>
  fmt(`t:${timeZone}`, () => new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone }))
    .format(date);

export const shortTimeOf = (date, timeZone) =>
  fmt(`st:${timeZone}`, () => new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }))
    .format(date);

export const dateOf = (date, timeZone) =>
  fmt(`d:${timeZone}`, () => new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', weekday: 'long', timeZone }))
    .format(date);

/** 12月1日 09:30 — for records that span days. */
export const dateTimeOf = (date, timeZone) =>
  fmt(`dt:${timeZone}`, () => new Intl.DateTimeFormat('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone }))
    .format(date);

/** 0:05 / 12:30 / 1:02:03 for a running timer. */
export function clockDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return (h ? `${h}:` : '') + `${mm}:${String(r).padStart(2, '0')}`;
}

/** "约 6 分钟" for an estimate; null means no window for it is open. */
export function waitText(minutes) {
  if (minutes == null) return '暂无窗口开放';
  if (minutes < 1) return '即将叫号';
  return `约 ${Math.round(minutes)} 分钟`;
}

/** The wait as a resident reads it on a ticket: 预计等候约 6 分钟, or why no estimate is given. */
export function waitPhrase(minutes, beyondClosing = false) {
  if (beyondClosing) return '超过今日办公时间';
  if (minutes == null) return '暂无窗口开放';
  return minutes < 1 ? '即将叫号' : `预计等候${waitText(minutes)}`;
}

/** "3 分钟" / "1 小时 5 分" for a wait already spent. */
export function minutesText(seconds) {
  const m = Math.floor((seconds ?? 0) / 60);
  if (m < 60) return `${m} 分钟`;
  return `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

const listeners = new Set();
let timer = 0;
/** Calls fn every second (and once now) until the returned function is called. */
export function everySecond(fn) {
  listeners.add(fn);
  if (!timer) timer = setInterval(() => listeners.forEach(f => f(new Date())), 1000);
  fn(new Date());
  return () => { listeners.delete(fn); if (!listeners.size) { clearInterval(timer); timer = 0; } };
}
