// 综合屏 (hall TV): the newest call large and flashing, the last calls, every open window's
// number, waiting counts, a scrolling notice and the clock; each call announced aloud twice.
import { html } from '/shared/lib/html.js';
import { pathArgs } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { pairedDevice } from '/shared/lib/device.js';
import { HallStore } from '/shared/lib/store.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';
import { Announcer } from '/displays/tv/announcer.js';

registerConnStatus(); registerHallClock();

const [hallId] = pathArgs();
const $ = id => document.getElementById(id);
const store = new HallStore();
const announcer = new Announcer();
globalThis.hallAnnouncer = announcer; // for the hall's technician (and tests): what was announced, and how
const FLASH_MS = 10_000;

function render() {
  const s = store.state;
  $('hall-name').textContent = s.name;
  document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);

  const [latest, ...older] = s.recentCalls ?? [];
  $('latest-body').innerHTML = latest ? String(html`
      <p class="number">${latest.ticketNumber}</p>
      <p class="where">请到 ${latest.windowNo} 号窗口<small>${latest.windowName}</small></p>`)
    : '<p class="idle">请留意叫号</p>';
  // As many recent calls as the panel holds, newest first.
  $('recent').innerHTML = older.length ? String(html`${older.slice(0, 12).map(c => html`
    <li><b>${c.ticketNumber}</b><span>${c.windowNo}号窗口</span></li>`)}`) : '<li class="none">—</li>';

  // Only windows in service: a hall with every window closed says so instead of a wall of dashes.
  const shown = s.windows.filter(w => w.state !== 'closed');
  $('windows').innerHTML = shown.length ? String(html`${shown.map(w => html`
    <li class="${w.state} ${w.current?.status ?? ''}"><span class="wname">${w.no}号</span>
      <span class="wnum">${w.state === 'paused' ? '暂停' : w.current?.number ?? '—'}</span></li>`)}`)
    : '<li class="none">暂无开放窗口，请稍候</li>';

  // Categories people wait in first; where the panel is too short for all, the empty ones go (合计 always stays).
  const categories = [...s.categories].sort((a, b) => (b.waiting > 0) - (a.waiting > 0));
  $('queues').innerHTML = String(html`${categories.map(c => html`
    <li><span class="cname">${c.name}</span><span><b>${c.waiting}</b>人</span></li>`)}<li class="total"><span>合计</span><span><b>${s.waitingTotal ?? 0}</b>人</span></li>`);

  const notice = s.notice ?? '';
  if ($('notice').textContent !== notice) {
    $('notice').textContent = notice;
    // Longer notices scroll for longer, so the speed stays readable.
    document.querySelector('.ticker').style.setProperty('--scroll-s', `${Math.max(15, notice.length * 0.6)}s`);
  }
  document.querySelector('.notice').classList.toggle('empty', !notice);
  // Last, once the windows and the notice have taken their rows: they decide how tall these panels are.
  fit($('recent'));
  fit($('queues'), 1);
}

/** Drops the list's last items (but the last `keep`) until what is left fits its panel: whole lines, never half a line. */
function fit(list, keep = 0) {
  while (list.scrollHeight > list.clientHeight + 1 && list.children.length > keep + 1)
    list.children[list.children.length - 1 - keep].remove();
}

let flashTimer = 0;
function onCall(call) {
  announcer.enqueue(call);
  $('announce').textContent = call.announcement || `请 ${call.ticketNumber} 号 到 ${call.windowNo} 号窗口 办理`;
  const el = $('latest');
  el.classList.remove('flash');
  void el.offsetWidth; // restart the animation for a call that follows a call
  el.classList.add('flash');
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => el.classList.remove('flash'), FLASH_MS);
}

// Sound needs one click when the browser demands it; the staff does it once after boot.
const soundBtn = $('sound');
const showSound = () => { soundBtn.hidden = !announcer.locked; };
soundBtn.addEventListener('click', async () => { await announcer.unlock(); showSound(); });
announcer.addEventListener('change', showSound);
setTimeout(showSound, 1000);

// Offline: say so on screen; reconnecting is the hub's job. If the page itself got stuck (the
// silo answers but the hub does not come back within two minutes), reload it.
let offlineSince = 0;
function onStatus(state) {
  document.querySelector('conn-status').state = state;
  document.body.classList.toggle('offline', state === 'offline');
  offlineSince = state === 'offline' ? offlineSince || Date.now() : 0;
}
setInterval(async () => {
  if (!offlineSince || Date.now() - offlineSince < 120_000) return;
  try { if ((await fetch('/healthz', { cache: 'no-store' })).ok) location.reload(); } catch { /* still down */ }
}, 30_000);

store.addEventListener('change', render);
// What fits a panel depends on the screen and on the font, which may arrive after the first drawing.
addEventListener('resize', () => store.state && render());
document.fonts.ready.then(() => store.state && render());
// Anonymous like every TV; one a manager paired speaks as itself, so revoking it cuts its connection.
connectHall({ hall: hallId, role: 'display' }, store.handlers({ TicketCalled: onCall }), onStatus, { token: pairedDevice(hallId)?.token });
