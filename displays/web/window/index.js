// 窗口屏 (window screen, /window/{hallId}/{windowNo}): the window's name, the number it serves,
// 暂停服务 when paused. Public: only the ticket number, never anything about the resident.
import { html } from '/shared/lib/html.js';
import { pathArgs } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { pairedDevice } from '/shared/lib/device.js';
import { HallStore } from '/shared/lib/store.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';

registerConnStatus(); registerHallClock();

const [hallId, no] = pathArgs();
const windowNo = Number(no);
const $ = id => document.getElementById(id);
const store = new HallStore();

function render() {
  const s = store.state, w = store.window(windowNo);
  document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);
  if (!w) { $('window-name').textContent = `${windowNo} 号窗口`; $('body').innerHTML = '<p class="idle">没有这个窗口</p>'; return; }
  $('window-name').textContent = w.name;
  document.title = `${w.name} · 窗口屏`;
  const cur = w.current;
  const body = w.state === 'paused' ? '<p class="paused">暂停服务</p>'
    : w.state === 'closed' ? '<p class="paused">暂停服务</p><p class="idle">本窗口暂未开放</p>'
    // One sentence on one line, the number large inside it: 请 A006 号 到本窗口办理.
    : cur ? (cur.status === 'serving'
        ? String(html`<p class="call"><span>正在办理</span> <b class="number">${cur.number}</b> <span>号</span></p>`)
        : String(html`<p class="call"><span>请</span> <b class="number">${cur.number}</b> <span>号 到本窗口办理</span></p>`))
    : '<p class="idle">欢迎光临，请留意叫号</p>';
  // Every hall event re-renders: redraw only what changed, so the screen never flickers (nor loses its flash).
  if ($('body').innerHTML !== body) $('body').innerHTML = body;
  $('categories').textContent = w.state === 'closed' ? '' : w.categories.map(c => store.category(c)?.name ?? c).join(' · ');
}

// Flash when a number is called (or recalled) to this window.
function flash(call) {
  if (call.windowNo !== windowNo) return;
  const el = $('screen');
  el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
}

store.addEventListener('change', render);
// Anonymous like every window screen; one a manager paired speaks as itself, so revoking it cuts its connection.
connectHall({ hall: hallId, role: 'window', window: windowNo }, store.handlers({ TicketCalled: flash }), state => {
  document.querySelector('conn-status').state = state;
}, { token: pairedDevice(hallId)?.token });
