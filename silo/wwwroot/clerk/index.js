// 窗口叫号 (clerk console): sign in to a window, then call, recall, start, complete, skip,
// transfer, park, resume and pause, by button or by the digit keys 1–9.
import { html } from '/shared/lib/html.js';
import { api, newKey, pathArgs, hallPath } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { HallStore } from '/shared/lib/store.js';
import { everySecond, clockDuration, minutesText, waitText } from '/shared/lib/format.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';

registerConnStatus(); registerStatusLine(); registerHallClock();

const [hallId] = pathArgs();
const $ = id => document.getElementById(id);
const store = new HallStore();
// Messages go next to the buttons, or under the sign-in form before signing in.
const status = () => (consoleEl.hidden ? $('sign-in-status') : $('status'));
const signIn = $('sign-in');
const consoleEl = $('console');
const SESSION = `clerk:${hallId}`;

/** { windowNo, clerkId } once signed in; kept per browser tab so a reload stays signed in. */
let session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null');
let inFlight = false;
/** The window grain's latest WindowReminder (重呼 or 过号); shown while its ticket is still called here. */
let reminder = null;
/** Full tickets from command answers (priority, matters), by number: window.current is a summary. */
const tickets = new Map();

const STATUS_ZH = { called: '已叫号，等候入座', serving: '办理中' };

// ---------- rendering ----------

function render() {
  const s = store.state;
  if (!s) return;
  $('title').textContent = `${s.name} · 窗口叫号`;
  document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);
  const w = session && store.window(session.windowNo);
  const signedIn = w && w.state !== 'closed' && w.clerkId === session.clerkId;
  signIn.hidden = !!signedIn;
  consoleEl.hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').textContent = signedIn ? `${w.name} · 工号 ${w.clerkId}` : '';
  if (!signedIn) return renderSignIn(s);

  const cur = w.current;
  const full = cur && tickets.get(cur.number);
  $('current').innerHTML = cur ? html`
      <p class="number">${cur.number}</p>
      <p class="ticket-status ${cur.status}">${STATUS_ZH[cur.status] ?? cur.status}</p>
      ${full?.priority === 'green' ? html`<p class="flag">绿色通道${full.greenReason ? html` · ${greenZh(full.greenReason)}` : ''}：请核验资格</p>` : ''}
      ${full?.priority === 'appointment' ? html`<p class="flag">预约</p>` : ''}
      <p>${cur.categoryName}</p>
      ${cur.matters?.length ? html`<ul>${cur.matters.map(m => html`<li>${m}</li>`)}</ul>` : ''}
      <p>${cur.status === 'serving' ? '办理用时' : '叫号后已过'} <span class="timer num" id="timer"></span></p>`
    : html`<p class="idle">空闲：按“叫号”呼叫下一位</p>`;
  if (w.parked?.length) $('current').insertAdjacentHTML('beforeend',
    String(html`<p class="parked">挂起中：${w.parked.map(p => p.number).join('、')}</p>`));

  const cats = s.categories.filter(c => w.categories.includes(c.code));
  $('queues').innerHTML = String(html`${cats.map(c => {
    const over = c.longestWaitSeconds > c.targetWaitMinutes * 60;
    return html`<div class="queue ${over ? 'over' : ''}">
      <span>${c.name}${w.prefers?.includes(c.code) ? '（优先）' : ''}<br><small class="note">最长已等 ${minutesText(c.longestWaitSeconds)} · 预计 ${waitText(c.estimatedWaitMinutes)}</small></span>
      <b class="num" aria-label="${c.name} 等候 ${c.waiting} 人">${c.waiting}</b></div>`;
  })}`) || '<p class="note">本窗口未分配业务类别</p>';
  renderReminder(cur);
  $('served').textContent = w.servedToday;
  $('window-state').textContent = w.state === 'paused' ? '窗口已暂停服务' : '窗口开放中';
  tick();
  updateButtons();
}

// The resident has not come: say so beside the number and light the button the reminder suggests.
function renderReminder(cur) {
  const open = reminder && cur?.status === 'called' && cur.number === reminder.ticketNumber ? reminder : null;
  $('reminder').hidden = !open;
  $('reminder').textContent = open?.message ?? '';
  for (const b of document.querySelectorAll('[data-cmd]')) b.classList.toggle('suggested', b.dataset.cmd === open?.kind);
}

function renderSignIn(s) {
  const sel = $('window-no');
  const chosen = sel.value || session?.windowNo || new URLSearchParams(location.search).get('window');
  sel.innerHTML = String(html`${s.windows.map(w => html`
    <option value="${w.no}">${w.name}（${w.state === 'closed' ? '未开放' : w.state === 'paused' ? '暂停' : '开放'}${w.clerkId ? ` · ${w.clerkId}` : ''}）</option>`)}`);
  if (chosen) sel.value = String(chosen);
  if (!$('clerk-id').value && session?.clerkId) $('clerk-id').value = session.clerkId;
}

const greenZh = r => ({ elderly: '老年人', disabled: '残疾人', pregnant: '孕妇', other: '其他' })[r] ?? r;

// The running timer: since the call, or since service started.
function tick() {
  const w = session && store.window(session.windowNo);
  const cur = w?.current, el = $('timer');
  if (!cur || !el) return;
  const since = Date.parse(cur.status === 'serving' ? cur.startedAt ?? cur.calledAt : cur.calledAt);
  el.textContent = Number.isFinite(since) ? clockDuration((Date.now() - since) / 1000) : '';
}
everySecond(tick);

function updateButtons() {
  const w = session && store.window(session.windowNo);
  if (!w) return;
  const cur = w.current, st = cur?.status;
  const allowed = {
    'call-next': w.state === 'open' && !cur,
    recall: st === 'called',
    start: st === 'called',
    complete: st === 'serving',
    'no-show': st === 'called',
    transfer: !!cur,
    park: st === 'serving',
    'resume-parked': !cur && (w.parked?.length ?? 0) > 0,
    pause: w.state === 'open' || w.state === 'paused',
  };
  for (const b of document.querySelectorAll('[data-cmd]')) b.disabled = inFlight || !allowed[b.dataset.cmd];
  const pause = document.querySelector('[data-cmd="pause"]');
  pause.dataset.paused = String(w.state === 'paused');
  pause.querySelector('span').textContent = w.state === 'paused' ? '恢复服务' : '暂停';
}

// ---------- commands ----------

/** Sends one window command. One Idempotency-Key per click, reused by the one network retry. */
async function act(action, body) {
  if (inFlight) return null;
  inFlight = true; updateButtons();
  let res;
  try {
    res = await api(`${hallPath(hallId)}/windows/${session.windowNo}/${action}`,
      { method: 'POST', body: body ?? {}, key: newKey(), retries: 1 });
  } catch (e) {
    status().error(`操作未成功：${e.zh}`);
    return null;
  } finally {
    // Free the buttons before the answer is rendered, so the new state never shows disabled buttons.
    inFlight = false; updateButtons();
  }
  if (res.status === 204) { status().ok('当前没有可叫的号：暂无群众等候'); return res; }
  const { window, ticket } = res.body;
  if (ticket) tickets.set(ticket.number, ticket);
  if (window) store.apply('WindowChanged', { window });
  status().ok(describe(action, ticket, window, body));
  return res;
}

function describe(action, t, w, body) {
  const n = t?.number ?? '';
  switch (action) {
    case 'call-next': return `已叫号 ${n}，请等候群众入座`;
    case 'recall': return `已重呼 ${n}`;
    case 'start': return `开始办理 ${n}`;
    case 'complete': return t?.status === 'waiting' && t.step > 1 ? `${n} 本步办结，已排入下一步` : `已办结 ${n}`;
    case 'no-show': return `${n} 已过号`;
    case 'park': return `${n} 已挂起，群众取件后可恢复`;
    case 'resume-parked': return `已恢复 ${n}，继续办理`;
    case 'transfer': return body.windowNo ? `${n} 已转到 ${body.windowNo} 号窗口` : `${n} 已转到${store.category(body.categoryCode)?.name ?? body.categoryCode}`;
    case 'pause': return '窗口已暂停服务';
    case 'resume': return '窗口已恢复服务';
    case 'open': return `已签到 ${w?.name ?? ''}`;
    case 'close': return '已签退，窗口已关闭';
    default: return '已完成';
  }
}

async function command(cmd) {
  const w = store.window(session.windowNo);
  if (cmd === 'pause') return act(w.state === 'paused' ? 'resume' : 'pause');
  if (cmd === 'transfer') return openTransfer();
  if (cmd === 'resume-parked') {
    if ((w.parked?.length ?? 0) <= 1) return act('resume-parked', {});
    return openParked(w.parked);
  }
  return act(cmd);
}

consoleEl.addEventListener('click', e => {
  const b = e.target.closest('[data-cmd]');
  if (b && !b.disabled) command(b.dataset.cmd);
});

// Digit keys 1–9 press the buttons; never while typing or inside a dialog.
document.addEventListener('keydown', e => {
  if (consoleEl.hidden || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
  if (e.target.closest('input, select, textarea, dialog')) return;
  const b = document.querySelector(`[data-cmd][aria-keyshortcuts="${CSS.escape(e.key)}"]`);
  if (b) { e.preventDefault(); b.click(); }
});

// ---------- transfer and parked dialogs ----------

function openTransfer() {
  const s = store.state, w = store.window(session.windowNo);
  $('transfer-categories').innerHTML = String(html`${s.categories.map((c, i) => html`
    <label><input type="radio" name="to-category" value="${c.code}" ${i === 0 ? 'checked' : ''}> ${c.name}</label>`)}`);
  $('transfer-window').innerHTML = String(html`<option value="">（按类别转移）</option>${s.windows
    .filter(x => x.no !== w.no).map(x => html`<option value="${x.no}">${x.name}${x.kind === 'result' ? '（出件窗口）' : ''}</option>`)}`);
  $('transfer-reason').value = '';
  $('transfer-dialog').showModal();
}

$('transfer-dialog').addEventListener('close', () => {
  if ($('transfer-dialog').returnValue !== 'ok') return;
  const windowNo = Number($('transfer-window').value) || null;
  const reason = $('transfer-reason').value.trim() || undefined;
  const categoryCode = document.querySelector('[name="to-category"]:checked')?.value;
  act('transfer', windowNo ? { windowNo, reason } : { categoryCode, reason });
});

function openParked(parked) {
  $('parked-choices').innerHTML = String(html`${parked.map(p => html`
    <button type="submit" value="${p.number}">${p.number}</button>`)}`);
  $('parked-dialog').showModal();
}
$('parked-dialog').addEventListener('close', () => {
  const v = $('parked-dialog').returnValue;
  if (v && v !== 'cancel') act('resume-parked', { number: v });
});

// ---------- sign in / out ----------

signIn.addEventListener('submit', async e => {
  e.preventDefault();
  const windowNo = Number($('window-no').value);
  const clerkId = $('clerk-id').value.trim();
  if (!clerkId) return;
  const w = store.window(windowNo);
  session = { windowNo, clerkId };
  // Already open under this clerk (e.g. after a reload): continue without reopening.
  if (!(w && w.state !== 'closed' && w.clerkId === clerkId) && !(await act('open', { clerkId }))) { session = null; return; }
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  render();
  status().ok(`已签到 ${store.window(windowNo)?.name ?? ''}，工号 ${clerkId}`);
  connect();
});

$('sign-out').addEventListener('click', async () => {
  const res = await act('close');
  if (res) { sessionStorage.removeItem(SESSION); session = null; render(); connect(); }
});

store.addEventListener('change', render);

// Before sign-in the whole hall (role=display) feeds the window list; once signed in, the window's own feed.
let hub = null;
function connect() {
  hub?.stop();
  const query = session ? { hall: hallId, role: 'window', window: session.windowNo } : { hall: hallId, role: 'display' };
  hub = connectHall(query, store.handlers({ WindowReminder: r => { reminder = r; render(); } }),
    state => { document.querySelector('conn-status').state = state; });
}
connect();
