// 窗口叫号 (clerk console): sign in with the account (its user name is the 工号), choose a window, then
// call, recall, start, complete, skip, transfer, park, resume and pause, by button or by the digit keys 0–9;
// a no-show who comes back is put back in the queue from here (过号恢复). Offline, every button waits for the hub.
import { html } from '/shared/lib/html.js';
import { api, newKey, pathArgs, hallPath } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { HallStore } from '/shared/lib/store.js';
import { staffSession, mayWork, ROLE_ZH } from '/shared/lib/session.js';
import { everySecond, clockDuration, minutesText, waitText } from '/shared/lib/format.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';
import { registerStaffSignIn } from '/shared/components/staff-sign-in/staff-sign-in.js';

registerConnStatus(); registerStatusLine(); registerHallClock(); registerStaffSignIn();

const [hallId] = pathArgs();
const $ = id => document.getElementById(id);
const store = new HallStore();
const choose = $('choose');
const consoleEl = $('console');
const noAccess = $('no-access');
const connEl = document.querySelector('conn-status');
// Messages go next to the buttons, or under the window choice before a window is open.
const status = () => (consoleEl.hidden ? $('choose-status') : $('status'));
const SESSION = `clerk:${hallId}`;

/** Who signed in ({ userName, role, halls }); the user name is the 工号 every window action is done under. */
let me = null;
/** { windowNo, userName } once at a window; kept per browser tab so a reload continues there. */
let session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null');
/** After signing in, continue at a window already open under this 工号 (a manager may have opened it). */
let resumeOpen = false;
/** Why the console left its window (closed or reopened by a manager); said once under the window choice. */
let lost = null;
let leaving = false;
let inFlight = false;
/** The hub is connected: offline, nothing this console shows is current, so nothing may be pressed. */
let online = false;
/** Went offline since the last connection: errors shown meanwhile are stale once it is back. */
let wasOffline = false;
/** Numbers this console marked 过号 today, offered in the 过号恢复 field. */
const noShows = new Set();
/** The window grain's latest WindowReminder (重呼 or 过号); shown while its ticket is still called here. */
let reminder = null;
/** Full tickets from command answers (priority, matters), by number: window.current is a summary. */
const tickets = new Map();

function setSession(s) {
  session = s;
  if (s) sessionStorage.setItem(SESSION, JSON.stringify(s)); else sessionStorage.removeItem(SESSION);
}

/** A window open under this clerk's 工号. */
const mine = w => !!w && !!me && w.state !== 'closed' && w.clerkId === me.userName;

const STATUS_ZH = { called: '已叫号，等候入座', serving: '办理中' };

// ---------- rendering ----------

function render() {
  $('sign-out').hidden = !me;
  if (!me) {
    for (const el of [choose, consoleEl, noAccess, $('leave'), connEl]) el.hidden = true;
    $('who').textContent = '';
    return;
  }
  if (!mayWork(me, hallId, ['clerk', 'manager'])) return renderNoAccess();
  const s = store.state;
  if (!s) return;
  $('title').textContent = `${s.name} · 窗口叫号`;
  document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);
  if (resumeOpen) {
    resumeOpen = false;
    const open = s.windows.find(mine);
    if (!session && open) setSession({ windowNo: open.no, userName: me.userName });
  }
  // The window is no longer this clerk's (a manager closed it or opened it for someone else): choose again.
  if (session && !mine(store.window(session.windowNo))) {
    const gone = store.window(session.windowNo);
    setSession(null);
    if (!leaving && gone) lost = gone.state === 'closed' ? `${gone.name}已关闭，请重新选择窗口` : `${gone.name}已由 ${gone.clerkId} 登录，请重新选择窗口`;
  }
  connect();
  const w = session && store.window(session.windowNo);
  const atWindow = mine(w);
  choose.hidden = atWindow;
  consoleEl.hidden = !atWindow;
  noAccess.hidden = true;
  $('leave').hidden = !atWindow;
  $('who').textContent = atWindow ? `${w.name} · 工号 ${me.userName}` : `工号 ${me.userName}`;
  if (!atWindow) return renderChoose(s);

  const cur = w.current;
  const full = cur && tickets.get(cur.number);
  // The hub's window is the public one, without the resident's matters; this console's own answers have them.
  const matters = cur?.matters?.length ? cur.matters : (full?.matters ?? []).map(m => m.name);
  $('current').innerHTML = cur ? html`
      <p class="number">${cur.number}</p>
      <p class="ticket-status ${cur.status}">${STATUS_ZH[cur.status] ?? cur.status}</p>
      ${full?.priority === 'green' ? html`<p class="flag">绿色通道${full.greenReason ? html` · ${greenZh(full.greenReason)}` : ''}：请核验资格</p>` : ''}
      ${full?.priority === 'appointment' ? html`<p class="flag">预约</p>` : ''}
      <p>${cur.categoryName}</p>
      ${matters.length ? html`<ul>${matters.map(m => html`<li>${m}</li>`)}</ul>` : ''}
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
  renderNoShows();
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

function renderChoose(s) {
  $('choose-user').textContent = me.userName;
  const sel = $('window-no');
  const chosen = sel.value || new URLSearchParams(location.search).get('window');
  sel.innerHTML = String(html`${s.windows.map(w => html`
    <option value="${w.no}">${w.name}（${w.state === 'closed' ? '未开放' : w.state === 'paused' ? '暂停' : '开放'}${w.clerkId && w.state !== 'closed' ? ` · ${w.clerkId}` : ''}）</option>`)}`);
  if (chosen) sel.value = String(chosen);
  if (lost) { $('choose-status').error(lost); lost = null; }
}

/** A clerk or manager of other halls: say so, and link the consoles of the halls the account works in. */
let hallNames = null;
async function renderNoAccess() {
  for (const el of [choose, consoleEl, $('leave'), connEl]) el.hidden = true;
  noAccess.hidden = false;
  $('who').textContent = `工号 ${me.userName}`;
  $('no-access-text').textContent = me.halls.length
    ? `账号 ${me.userName}（${ROLE_ZH[me.role] ?? me.role}）不属于本大厅，只能在以下大厅上岗：`
    : `账号 ${me.userName}（${ROLE_ZH[me.role] ?? me.role}）不能在窗口上岗，请联系系统管理员。`;
  try { hallNames ??= new Map(((await api('/api/halls?view=names')).body ?? []).map(h => [h.id, h.name])); } catch { hallNames = new Map(); }
  $('no-access-halls').innerHTML = String(html`${me.halls.map(h => html`<li><a href="/clerk/${encodeURIComponent(h)}">${hallNames.get(h) ?? h}</a></li>`)}`);
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
    // 办结 straight from 已叫号: a quick matter needs no 开始办理 first.
    complete: st === 'called' || st === 'serving',
    'complete-and-call-next': (st === 'called' || st === 'serving') && w.state === 'open',
    'no-show': st === 'called',
    transfer: !!cur,
    park: st === 'serving',
    'resume-parked': !cur && (w.parked?.length ?? 0) > 0,
    pause: w.state === 'open' || w.state === 'paused',
  };
  for (const b of document.querySelectorAll('[data-cmd]')) b.disabled = inFlight || !online || !allowed[b.dataset.cmd];
  const pause = document.querySelector('[data-cmd="pause"]');
  pause.dataset.paused = String(w.state === 'paused');
  pause.querySelector('span').textContent = w.state === 'paused' ? '恢复服务' : '暂停';
}

// ---------- commands ----------

/** Sends one window command. One Idempotency-Key per click, reused by the one network retry. */
async function act(windowNo, action, body) {
  if (inFlight) return null;
  inFlight = true; updateButtons();
  const before = store.window(windowNo)?.current?.number;
  let res;
  try {
    res = await api(`${hallPath(hallId)}/windows/${windowNo}/${action}`,
      { method: 'POST', body: body ?? {}, key: newKey(), retries: 1 });
  } catch (e) {
    // Not this clerk's window any more, though this console has not heard yet: leave it (render rejoins the hall's feed).
    if (e.code === 'not-your-window') { setSession(null); lost = e.zh; render(); return null; }
    // Signed out meanwhile: the sign-in form is up and says so (session.js).
    if (e.status !== 401) status().error(`操作未成功：${e.zh}`);
    return null;
  } finally {
    // Free the buttons before the answer is rendered, so the new state never shows disabled buttons.
    inFlight = false; updateButtons(); updateHubButtons();
  }
  if (res.status === 204) { status().ok('当前没有可叫的号：暂无群众等候'); return res; }
  const { window, ticket } = res.body;
  if (ticket) tickets.set(ticket.number, ticket);
  if (action === 'no-show' && ticket) noShows.add(ticket.number);
  if (action === 'reinstate' && ticket) noShows.delete(ticket.number);
  if (window) store.apply('WindowChanged', { window });
  status().ok(describe(action, ticket, window, body, before));
  return res;
}

/** What an action did; `before` is the number that was at the window when it was sent. */
function describe(action, t, w, body, before) {
  const n = t?.number ?? '';
  switch (action) {
    case 'call-next': return `已叫号 ${n}，请等候群众入座`;
    case 'recall': return `已重呼 ${n}`;
    case 'start': return `开始办理 ${n}`;
    case 'complete': return t?.status === 'waiting' && t.step > 1 ? `${n} 本步办结，已排入下一步` : `已办结 ${n}`;
    case 'complete-and-call-next': return t ? `已办结 ${before}，已叫号 ${n}，请等候群众入座` : `已办结 ${before}，暂无群众等候`;
    case 'no-show': return `${n} 已过号`;
    case 'reinstate': return `${n} 已恢复排队，排在队伍前面`;
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

/** An action at this console's window. */
const here = (action, body) => act(session.windowNo, action, body);

async function command(cmd) {
  const w = store.window(session.windowNo);
  if (cmd === 'pause') return here(w.state === 'paused' ? 'resume' : 'pause');
  if (cmd === 'transfer') return openTransfer();
  if (cmd === 'resume-parked') {
    if ((w.parked?.length ?? 0) <= 1) return here('resume-parked', {});
    return openParked(w.parked);
  }
  return here(cmd);
}

consoleEl.addEventListener('click', e => {
  const b = e.target.closest('[data-cmd]');
  if (b && !b.disabled) command(b.dataset.cmd);
});

// Digit keys 1–9 press the buttons; never while typing or inside a dialog.
document.addEventListener('keydown', e => {
  if (consoleEl.hidden || $('gate').isOpen || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
  if (e.target.closest('input, select, textarea, dialog')) return;
  const b = document.querySelector(`[data-cmd][aria-keyshortcuts="${CSS.escape(e.key)}"]`);
  if (b) { e.preventDefault(); b.click(); }
});

// ---------- transfer and parked dialogs ----------

// Nothing is preselected: a transfer to the ticket's own category (the first one, often) would change nothing.
function openTransfer() {
  const s = store.state, w = store.window(session.windowNo);
  const own = w.current?.categoryCode;
  $('transfer-categories').innerHTML = String(html`${s.categories.map(c => html`
    <label><input type="radio" name="to-category" value="${c.code}"> ${c.name}${c.code === own ? '（当前）' : ''}</label>`)}`);
  $('transfer-window').innerHTML = String(html`<option value="">（按类别转移）</option>${s.windows
    .filter(x => x.no !== w.no).map(x => html`<option value="${x.no}">${x.name}${x.kind === 'result' ? '（出件窗口）' : ''}</option>`)}`);
  $('transfer-reason').value = '';
  $('transfer-status').clear();
  $('transfer-dialog').showModal();
}

$('transfer-form').addEventListener('submit', e => {
  if (e.submitter?.value !== 'ok' || $('transfer-window').value || document.querySelector('[name="to-category"]:checked')) return;
  e.preventDefault();
  $('transfer-status').error('请选择要转到的业务类别，或指定窗口');
});

$('transfer-dialog').addEventListener('close', () => {
  if ($('transfer-dialog').returnValue !== 'ok') return;
  const windowNo = Number($('transfer-window').value) || null;
  const reason = $('transfer-reason').value.trim() || undefined;
  const categoryCode = document.querySelector('[name="to-category"]:checked')?.value;
  here('transfer', windowNo ? { windowNo, reason } : { categoryCode, reason });
});

function openParked(parked) {
  $('parked-choices').innerHTML = String(html`${parked.map(p => html`
    <button type="submit" value="${p.number}">${p.number}</button>`)}`);
  $('parked-dialog').showModal();
}
$('parked-dialog').addEventListener('close', () => {
  const v = $('parked-dialog').returnValue;
  if (v && v !== 'cancel') here('resume-parked', { number: v });
});

// ---------- 过号恢复 ----------

$('reinstate-form').addEventListener('submit', async e => {
  e.preventDefault();
  const number = $('reinstate-number').value.trim().toUpperCase();
  if (await here('reinstate', { number })) $('reinstate-number').value = '';
});

function renderNoShows() {
  $('no-shows').innerHTML = String(html`${[...noShows].map(n => html`<option value="${n}"></option>`)}`);
}

// ---------- connection ----------

/** Buttons outside the command grid that also need the silo (签到, 过号恢复). */
function updateHubButtons() {
  for (const b of document.querySelectorAll('[data-needs-hub]')) b.disabled = inFlight || !online;
}

function connectionChanged(state) {
  connEl.state = state;
  online = state === 'online';
  if (!online) wasOffline = true;
  else if (wasOffline) {
    wasOffline = false;
    // An error from while the line was down (操作未成功：网络连接中断) no longer says anything true.
    for (const line of [$('status'), $('choose-status')]) if (line.dataset.kind === 'error') line.clear();
  }
  updateButtons(); updateHubButtons();
}

// ---------- sign in, window, sign out ----------

const signOut = staffSession($('gate'), (who, { again }) => {
  // Someone else signed in at this console (after a session ended, or in this tab before): that window was theirs.
  if (session?.userName !== who.userName) setSession(null);
  me = who;
  resumeOpen = true;
  connect(true); // the hub hears who this is when it connects (a window's reminders are for its staff)
  render();
  if (again) status().ok(`已重新登录，工号 ${who.userName}`);
});

choose.addEventListener('submit', async e => {
  e.preventDefault();
  const windowNo = Number($('window-no').value);
  // Already open under this clerk (e.g. after a reload): continue without reopening. The 工号 is the account's.
  if (!mine(store.window(windowNo)) && !(await act(windowNo, 'open', {}))) return;
  setSession({ windowNo, userName: me.userName });
  render();
  status().ok(`已签到 ${store.window(windowNo)?.name ?? ''}，工号 ${me.userName}`);
});

/** 签退: closes the window (refused, with the reason, while a resident is still at it). */
async function leave() {
  leaving = true;
  try {
    const res = await act(session.windowNo, 'close');
    if (res) { setSession(null); render(); }
    return !!res;
  } finally { leaving = false; }
}
$('leave').addEventListener('click', leave);

// Leaving for the day: 签退 first if still at a window, then end the session.
$('sign-out').addEventListener('click', async () => {
  if (session && mine(store.window(session.windowNo)) && !(await leave())) return;
  await signOut();
  me = null;
  hub?.stop(); hub = null; hubQuery = '';
  render();
});

store.addEventListener('change', render);

// Before a window is open the whole hall (role=display) feeds the window list; at a window, that window's feed.
let hub = null, hubQuery = '';
function connect(again = false) {
  if (!me || !mayWork(me, hallId, ['clerk', 'manager'])) return;
  const query = session ? { hall: hallId, role: 'window', window: session.windowNo } : { hall: hallId, role: 'display' };
  if (hub && !again && JSON.stringify(query) === hubQuery) return;
  hub?.stop();
  hubQuery = JSON.stringify(query);
  hub = connectHall(query, store.handlers({ WindowReminder: r => { reminder = r; render(); } }),
    connectionChanged);
}
render(); // nobody signed in yet: nothing of the hall, no connection banner behind the sign-in form
