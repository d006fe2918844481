// 取号机 (kiosk): categories → matters, bundles (一件事) on the first screen, green channel,
// appointment check-in, then the ticket with its QR code. One page, screens swapped in <main>.
// It speaks as the kiosk a manager paired (/pair/{hallId} keeps the token): without a pairing, or once revoked,
// it says so and offers nothing. This entry module holds the state, events, idle timer, live data and wiring;
// see screens.js and taking.js.
import { api, pathArgs, hallPath } from '/shared/lib/api.js';
import { pairedDevice, forgetDevice, kindZh } from '/shared/lib/device.js';
import { connectHall } from '/shared/lib/hub.js';
import { HallStore } from '/shared/lib/store.js';
import { keepFocus } from '/shared/lib/focus.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';
import { registerQrCode } from '/shared/components/qr-code/qr-code.js';
import { screens, loadingScreen, unpairedScreen, chosenRoute } from './screens.js';
import { ticketTaking } from './taking.js';
import { speak, hush } from '/shared/lib/voice.js';

registerConnStatus(); registerStatusLine(); registerHallClock(); registerQrCode();

const [hallId] = pathArgs();
const IDLE_MS = 30_000;
/** This kiosk's pairing ({ token, id, kind, name }; its name is its kioskId), or null when it has none. */
const stored = pairedDevice(hallId);
let device = stored?.kind === 'kiosk' ? stored : null;
/** Why the kiosk is not paired, beyond the plain fact. */
let unpairedWhy = stored && !device ? `本机配对为${kindZh(stored.kind)}，不是取号机。` : '';
/** Every REST call carries the kiosk's token: taking tickets and calling for help need it. */
const call = (path, options = {}) => api(path, { ...options, token: device?.token });

const store = new HallStore();
const main = document.getElementById('screen');
const status = document.getElementById('status');
const elderBtn = document.getElementById('elder');
const helpBtn = document.getElementById('help');
const connEl = document.querySelector('conn-status');

// What the resident is doing now. Reset to the start screen after 30 s idle. `selected` holds matters of any
// categories: one ticket walks them all.
let ui = fresh();
function fresh() {
  return { screen: 'start', pages: {}, fit: {}, shown: {}, category: null, bundle: null, selected: new Set(),
           green: null, code: '', letters: false, action: null, ticket: null, print: null, error: null };
}

function go(patch) {
  ui = { ...ui, pages: {}, fit: {}, ...patch };
  render();
  // Move focus to the new screen's heading so screen readers and keyboards follow.
  main.querySelector('h2')?.focus();
  prompt();
}

const elder = () => document.documentElement.classList.contains('elder');
const offline = () => connEl.state === 'offline';

/** What 长辈模式 says on each screen (clips named in silo/voice/kiosk-prompts.txt). */
const PROMPTS = { start: 'start', category: 'matters', confirm: 'confirm', bundles: 'bundles', bundle: 'confirm', green: 'green',
                  appointment: 'appointment', ticket: 'ticket', error: 'error' };
function prompt() {
  if (!elder() || !device) return;
  const choosing = !['ticket', 'error'].includes(ui.screen);
  speak(`kiosk-${choosing && offline() ? 'offline' : PROMPTS[ui.screen]}`);
}

const { issue, isBusy } = ticketTaking({ hallId, call, main, status, current: () => ui, go });

function render() {
  const s = store.state;
  document.getElementById('hall-name').textContent = s ? s.name : '自助取号';
  if (s?.timeZone) document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);
  elderBtn.hidden = helpBtn.hidden = !device;
  if (!device) { main.innerHTML = unpairedScreen(unpairedWhy); connEl.hidden = true; return; }
  const needsHall = !['ticket', 'error'].includes(ui.screen);
  // Keep the typed code and caret while re-rendering on live queue updates.
  const typing = document.activeElement?.id === 'code';
  // Offline, the choosing screens say at once that no number can be taken; the choices so far are kept.
  const draw = () => { ui.shown = {}; main.innerHTML = needsHall && (!s || offline()) ? loadingScreen(connEl.state) : screens[ui.screen](s, ui, elder()); };
  draw();
  fit(draw);
  if (typing) { const input = document.getElementById('code'); input?.focus(); input?.setSelectionRange(ui.code.length, ui.code.length); }
}

/**
 * Nobody can scroll a kiosk: while the screen overflows, its longest list gives up a tile (it pages instead).
 * A hall of 19 categories shows them all where the screen has room, and pages them where it has not.
 */
function fit(draw) {
  const overflows = () => main.scrollHeight > main.clientHeight;
  main.style.fontSize = '';
  for (let n = 0; n < 80 && overflows(); n++) {
    const [kind, shown] = Object.entries(ui.shown).filter(([, k]) => k > 1).sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!kind) break;
    ui.fit[kind] = shown - 1;
    draw();
  }
  // No list left to page (the ticket): what is sized in em gets smaller instead, down to 70 %.
  for (let scale = 1; overflows() && scale > 0.7;) main.style.fontSize = `${scale -= 0.05}rem`;
}
addEventListener('resize', () => { ui.fit = {}; render(); });

/** 线上取号: the door's check-in code and QR on the 预约签到 screen (fetched as it opens; the idle reset comes long before
 * the code expires). Nothing when the hall does not offer remote taking or the silo cannot be asked. */
async function showDoorCode() {
  if (store.state?.remoteMinWaitMinutes == null) return;
  try {
    const { body } = await call(`${hallPath(hallId)}/arrival-code`);
    if (ui.screen === 'appointment') { ui.door = body; render(); }
  } catch { /* the typed ticket code still checks in */ }
}

// ---------- events ----------

main.addEventListener('click', e => {
  const btn = e.target.closest('button[data-action]');
  if (!btn || btn.disabled || isBusy()) return;
  const { action, id, code, to, key, kind } = btn.dataset;
  switch (action) {
    case 'page': ui.pages[kind] = Number(to); render(); main.querySelector(`[data-kind="${kind}"]:not([disabled])`)?.focus(); break;
    case 'home': go({ ...fresh(), green: ui.screen === 'ticket' ? null : ui.green }); break;
    case 'back': go({ screen: 'start' }); break; // keeps the matters chosen so far
    case 'clear': go({ screen: 'start', selected: new Set() }); break;
    case 'confirm': go({ screen: 'confirm' }); break;
    case 'category': go({ screen: 'category', category: code }); break;
    case 'bundles': go({ screen: 'bundles' }); break;
    case 'bundle': go({ screen: 'bundle', bundle: id }); break;
    case 'matter':
      if (ui.selected.has(id)) ui.selected.delete(id); else ui.selected.add(id);
      render(); main.querySelector(`[data-id="${CSS.escape(id)}"]`)?.focus();
      break;
    // In the order the confirm screen shows: the ticket walks the categories in the order of its matters.
    case 'issue-matters': issue({ matterIds: chosenRoute(store.state, ui.selected).flatMap(r => r.matters.map(m => m.id)) }); break;
    case 'issue-category': issue({ categoryCode: ui.category }); break;
    case 'issue-bundle': issue({ bundleId: ui.bundle }); break;
    case 'green': go({ screen: 'green' }); break;
    case 'green-reason': go({ screen: 'start', green: id }); break;
    case 'green-cancel': go({ screen: 'start', green: null }); break;
    case 'appointment': go({ screen: 'appointment', code: '', door: null }); showDoorCode(); break;
    case 'key': ui.code += key; render(); break;
    case 'backspace': ui.code = ui.code.slice(0, -1); render(); break;
    case 'letters': ui.letters = !ui.letters; render(); break;
    case 'issue-appointment': issue({ appointmentCode: ui.code.trim().toUpperCase() }); break;
    case 'retry': issue(ui.action.body); break;
  }
});

main.addEventListener('input', e => {
  if (e.target.id === 'code') {
    ui.code = e.target.value;
    main.querySelector('[data-action="issue-appointment"]').disabled = !ui.code.trim();
  }
});
main.addEventListener('keydown', e => {
  if (e.target.id === 'code' && e.key === 'Enter' && ui.code.trim()) issue({ appointmentCode: ui.code.trim().toUpperCase() });
});

elderBtn.addEventListener('click', () => setElder(!elder()));
function setElder(on) {
  document.documentElement.classList.toggle('elder', on);
  elderBtn.setAttribute('aria-pressed', String(on));
  elderBtn.textContent = on ? '退出长辈模式' : '长辈模式';
  ui.pages = {}; ui.fit = {}; render();
  if (on) prompt(); else hush();
}

let helpTimer = 0;
helpBtn.addEventListener('click', async () => {
  helpBtn.disabled = true;
  try {
    await call(`${hallPath(hallId)}/help`, { method: 'POST', body: {}, retries: 2 });
    status.ok('已通知工作人员，请在此稍候，马上有人来帮您。', 20000);
  } catch (e) {
    if (e.status !== 401) status.error(`呼叫没有成功：${e.zh}。请向大厅工作人员示意。`, 20000);
  }
  // One call is enough; let it stand a little before another.
  clearTimeout(helpTimer);
  helpTimer = setTimeout(() => { helpBtn.disabled = false; }, 10000);
});

// Back to the start screen after 30 s without a touch or key: the next resident starts fresh.
let idleTimer = 0;
function armIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (isBusy()) return armIdle();
    const wasStart = ui.screen === 'start' && !ui.green && !elder();
    setElder(false);
    if (!wasStart) go(fresh());
    status.clear();
  }, IDLE_MS);
}
for (const ev of ['pointerdown', 'keydown', 'input']) document.addEventListener(ev, armIdle, { passive: true });
armIdle();

// ---------- live data ----------

store.addEventListener('change', () => {
  // A ticket on screen is the resident's own; live updates only refresh the choosing screens.
  if (!['ticket', 'error'].includes(ui.screen)) keepFocus(main, render);
});

// ---------- pairing ----------

let hub = null;
/** Never paired, revoked, or the token is another device's: say so, and stop speaking as a kiosk. */
function notPaired(why = '') {
  if (device) forgetDevice(hallId);
  device = null;
  unpairedWhy = why;
  hub?.stop(); hub = null;
  status.clear();
  render();
}
// Any call answered 401 (see api.js): the token was revoked.
addEventListener('sign-in-required', () => notPaired('本机的配对已被撤销。'));

if (device) {
  // The hub carries the token too, so revoking the kiosk also cuts its live connection.
  hub = connectHall({ hall: hallId, role: 'display' }, store.handlers(), state => {
    const was = connEl.state;
    connEl.state = state;
    if (was === state) return;
    // Revoking the kiosk cuts its hub connection too: ask whether that is why, rather than wait for a tap.
    if (state === 'offline') checkPaired();
    // Back online, a ticket that could not be confirmed is asked for again with its key: the same ticket, never a second.
    if (state === 'online' && ui.screen === 'error' && ui.error?.retry) issue(ui.action.body);
    else if (!['ticket', 'error'].includes(ui.screen)) { keepFocus(main, render); prompt(); }
  }, { token: device.token });
  checkPaired();
}

/** Still paired? A revoked kiosk says so at once (after a restart, or when its hub is cut); offline, it waits. */
function checkPaired() {
  if (!device) return;
  call(`${hallPath(hallId)}/devices/me`).then(({ body }) => { if (body.kind !== 'kiosk') notPaired(`本机配对为${kindZh(body.kind)}，不是取号机。`); },
    () => { /* 401 is handled above; offline is no reason to stop */ });
}
render();
