// 大厅管理 (manager dashboard), for the hall's managers once signed in: every window and category live, alerts,
// and the manager's actions (open/close a window, its categories, a ticket's priority, a notice), each saying
// what it did in the status line; the hall's devices (devices.js) and who did what (audit.js) in views of their own.
import { html } from '/shared/lib/html.js';
import { api, newKey, pathArgs, hallPath } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { HallStore } from '/shared/lib/store.js';
import { keepFocus } from '/shared/lib/focus.js';
import { staffSession, mayWork, ROLE_ZH } from '/shared/lib/session.js';
import { everySecond, clockDuration, minutesText, waitText, shortTimeOf } from '/shared/lib/format.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';
import { registerQrCode } from '/shared/components/qr-code/qr-code.js';
import { registerStaffSignIn } from '/shared/components/staff-sign-in/staff-sign-in.js';
import { devicesView } from './devices.js';
import { auditView } from './audit.js';
import { chartsView } from './charts.js';
import { casesView } from './cases.js';

registerConnStatus(); registerStatusLine(); registerHallClock(); registerQrCode(); registerStaffSignIn();

const [hallId] = pathArgs();
const base = hallPath(hallId);
const $ = id => document.getElementById(id);
const store = new HallStore();
const status = $('status');
const PAUSED_TOO_LONG_S = 15 * 60;
const STATE_ZH = { open: '开放', paused: '暂停', closed: '关闭' };
const KIND_ZH = { help: '呼叫帮办', printer: '打印机', display: '显示屏', 'over-target': '等候超时', 'paused-too-long': '暂停过久',
  'rating-case-overdue': '差评超期' };

/** The silo's current alerts (it raises and settles them), newest first. */
let alerts = [];
/** Whether the signed-in account manages this hall; nothing of the hall shows until it does. */
let allowed = false;

// ---------- rendering ----------

function render() {
  const s = store.state;
  if (!s) return;
  $('title').textContent = `${s.name} · 大厅管理`;
  document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);
  // A paused window serves nobody: it is counted apart, not as open.
  const count = state => s.windows.filter(w => w.state === state).length;
  const paused = count('paused');
  $('summary').textContent = `等候 ${s.waitingTotal ?? 0} 人 · 开放窗口 ${count('open')}/${s.windows.length}`
    + `${paused ? ` · 暂停 ${paused}` : ''}${s.isOpenNow === false ? ' · 非办公时间' : ''}`;
  $('notice-now').textContent = s.notice || '无';

  $('windows').innerHTML = String(html`${inOrder(s.windows).map(w => html`<li data-window="${w.no}" class="tile ${w.state}">
    <p class="head"><b>${w.name}</b> <span class="state ${w.state}">${STATE_ZH[w.state] ?? w.state}</span>
      <span class="note ${pausedTooLong(w) ? 'over' : ''}" data-since="${w.stateSince ?? ''}"></span></p>
    <p class="note line">办结 ${w.servedToday}${w.meanServiceSeconds ? ` · 均 ${clockDuration(w.meanServiceSeconds)}` : ''} · ${w.categories.map(c => store.category(c)?.name ?? c).join('、') || '未分配业务'}</p>
    <p class="line"><span class="current">${w.current ? html`${w.current.number} <span class="note">${w.current.status === 'serving' ? '办理中' : '已叫号'}</span>` : html`<span class="note">无当前号码</span>`}</span>
      ${w.clerkId && w.state !== 'closed' ? html` <span class="note">工号 ${w.clerkId}</span>` : ''}
      ${w.parked?.length ? html` <span class="note">挂起 ${w.parked.map(p => p.number).join('、')}</span>` : ''}</p>
    <p class="acts">${w.state === 'closed'
        ? html`<button type="button" data-act="open" aria-label="开放 ${w.name}">开放</button>`
        : html`<button type="button" data-act="close" class="secondary" aria-label="关闭 ${w.name}">关闭</button>`}
      ${w.current ? html`<button type="button" data-act="force-close" class="danger" aria-label="强制关闭 ${w.name}">强制关闭</button>` : ''}
      <button type="button" data-act="categories" class="secondary" aria-label="${w.name} 业务设置">业务设置</button></p>
  </li>`)}`);

  $('categories').innerHTML = String(html`${s.categories.map(c => html`<tr>
    <th scope="row">${c.name} <small class="note">${c.prefix}</small></th>
    <td class="num">${c.waiting}</td>
    <td class="${overTarget(c) ? 'over' : ''}">${minutesText(c.longestWaitSeconds)} / ${c.targetWaitMinutes} 分钟</td>
    <td>${waitText(c.estimatedWaitMinutes)}</td>
    <td class="num ${c.openWindows ? '' : 'over'}">${c.openWindows}</td>
  </tr>`)}`);
  renderAlerts();
  tick();
}

const STATE_ORDER = { open: 0, paused: 1, closed: 2 };
/** Open windows first, then paused, then closed; by number within each. */
const inOrder = windows => [...windows].sort((a, b) => (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) || a.no - b.no);

const overTarget = c => c.waiting > 0 && c.longestWaitSeconds > c.targetWaitMinutes * 60;
const sinceSeconds = w => w.stateSince ? (Date.now() - Date.parse(w.stateSince)) / 1000 : 0;
const pausedTooLong = w => w.state === 'paused' && sinceSeconds(w) > PAUSED_TOO_LONG_S;

/** The silo's alerts, plus one condition seen from here: people waiting where no window is open. */
function renderAlerts() {
  const s = store.state;
  const live = s.categories.filter(c => c.waiting > 0 && !c.openWindows)
    .map(c => ({ kind: 'over-target', message: `${c.name}有 ${c.waiting} 人等候，但没有开放的窗口` }));
  const items = [
    ...live.map(a => html`<li class="${a.kind}"><span class="kind">无人受理</span><span class="msg">${a.message}</span><small class="note">当前</small></li>`),
    ...alerts.map(a => html`<li class="${a.kind}"><span class="kind">${KIND_ZH[a.kind] ?? a.kind}</span>
      <span class="msg">${a.message}</span>
      <small class="note">${a.at ? shortTimeOf(new Date(a.at), s.timeZone) : ''}</small>
      <button type="button" data-dismiss="${a.key}" aria-label="知道了：${a.message}">知道了</button></li>`),
  ];
  $('alerts').innerHTML = items.length ? String(html`${items}`) : '<li class="none">暂无告警</li>';
}

// Durations in the windows table move every second without a full re-render.
function tick() {
  for (const el of document.querySelectorAll('[data-since]')) {
    const since = Date.parse(el.dataset.since);
    el.textContent = Number.isFinite(since) ? `已 ${minutesText((Date.now() - since) / 1000)}` : '';
  }
}
everySecond(tick);
// The silo settles alerts (a queue back under target) without a message: re-read them now and then.
setInterval(() => { if (allowed) loadAlerts(); }, 15_000);

// ---------- actions ----------

/** Sends one manager action, then says what it did (`done`: the text, or made from the answer) or the silo's reason for refusing. */
async function act(path, body, done, method = 'POST') {
  try {
    const res = await api(`${base}/${path}`, { method, body, key: newKey(), retries: 1 });
    if (res.body?.window) store.apply('WindowChanged', { window: res.body.window });
    status.ok(typeof done === 'function' ? done(res.body) : done, 15000);
    return true;
  } catch (e) {
    status.error(`未完成：${e.zh}`, 20000);
    return false;
  }
}

let target = null; // the window a dialog is about
$('windows').addEventListener('click', e => {
  const b = e.target.closest('[data-act]');
  if (!b) return;
  target = store.window(Number(b.closest('[data-window]').dataset.window));
  if (b.dataset.act === 'close') act(`windows/${target.no}/close`, {}, `已关闭 ${target.name}`);
  if (b.dataset.act === 'open') { $('open-clerk').value = target.clerkId ?? ''; $('open-dialog').showModal(); }
  if (b.dataset.act === 'categories') openCategories(target);
  if (b.dataset.act === 'force-close') openForceClose(target);
});

// 强制关闭: the clerk cannot finish (taken ill, say); the resident at the window goes back to the head of the queue.
function openForceClose(w) {
  $('force-title').textContent = `强制关闭 ${w.name}`;
  $('force-text').textContent = w.current
    ? `${w.name}的当前号码 ${w.current.number} 将回到其队伍最前面，由其他窗口优先叫号。`
    : `${w.name}将立即关闭。`;
  $('force-reason').value = '';
  $('force-dialog').showModal();
}

$('force-dialog').addEventListener('close', () => {
  if ($('force-dialog').returnValue !== 'ok') return;
  const w = target, reason = $('force-reason').value.trim();
  act(`manage/windows/${w.no}/force-close`, { reason }, a => a?.ticket
    ? `已强制关闭 ${w.name}，${a.ticket.number} 已回到队伍最前面（原因：${reason}）`
    : `已强制关闭 ${w.name}（原因：${reason}）`);
});

$('open-dialog').addEventListener('close', () => {
  if ($('open-dialog').returnValue !== 'ok') return;
  const clerkId = $('open-clerk').value.trim();
  if (clerkId) act(`windows/${target.no}/open`, { clerkId }, `已开放 ${target.name}（工号 ${clerkId}）`);
});

function openCategories(w) {
  $('cats-dialog-title').textContent = `${w.name} · 业务设置`;
  $('cats-choices').innerHTML = String(html`${store.state.categories.map(c => html`<tr>
    <th scope="row">${c.name}</th>
    <td><input type="checkbox" name="serve" value="${c.code}" aria-label="${w.name} 可办理 ${c.name}" ${w.categories.includes(c.code) ? 'checked' : ''}></td>
    <td><input type="checkbox" name="prefer" value="${c.code}" aria-label="${w.name} 优先叫 ${c.name}" ${w.prefers?.includes(c.code) ? 'checked' : ''}></td>
  </tr>`)}`);
  $('cats-dialog').showModal();
}

$('cats-dialog').addEventListener('close', () => {
  if ($('cats-dialog').returnValue !== 'ok') return;
  const picked = name => [...document.querySelectorAll(`#cats-choices [name="${name}"]:checked`)].map(i => i.value);
  const categories = picked('serve');
  const prefers = picked('prefer').filter(c => categories.includes(c));
  const names = categories.map(c => store.category(c)?.name ?? c).join('、') || '无';
  act(`manage/windows/${target.no}/categories`, { categories, prefers }, `已更新 ${target.name} 的业务：${names}`, 'PUT');
});

$('priority-form').addEventListener('submit', async e => {
  e.preventDefault();
  const number = $('priority-number').value.trim().toUpperCase();
  const reason = $('priority-reason').value.trim();
  if (await act(`manage/tickets/${encodeURIComponent(number)}/priority`, { priority: 'green', reason },
    `已将 ${number} 设为绿色通道优先（原因：${reason}）`)) e.target.reset();
});

$('notice-form').addEventListener('submit', async e => {
  e.preventDefault();
  const text = $('notice-text').value.trim();
  if (await act('manage/notice', { text }, text ? `公告已发布到大厅显示屏：${text}` : '公告已清除')) {
    store.state.notice = text; render();
  }
});

$('alerts').addEventListener('click', async e => {
  const b = e.target.closest('[data-dismiss]');
  if (!b) return;
  const key = b.dataset.dismiss;
  try {
    await api(`${base}/manage/alerts/${encodeURIComponent(key)}/dismiss`, { method: 'POST' });
    status.ok('已确认告警');
  } catch (err) { if (err.status !== 404) return status.error(`未完成：${err.zh}`); }
  alerts = alerts.filter(a => a.key !== key);
  renderAlerts();
});

// ---------- live data ----------

async function loadAlerts() {
  try {
    const { body } = await api(`${base}/manage/alerts`);
    alerts = body ?? [];
    if (store.state) renderAlerts();
  } catch { /* the hub's Alert messages still arrive; the banner says when we are offline */ }
}

store.addEventListener('change', () => keepFocus($('view-overview'), render));

const connEl = document.querySelector('conn-status');
connEl.hidden = true; // no connection until someone who manages the hall signs in

let hub = null;
function connect() {
  hub?.stop();
  hub = connectHall({ hall: hallId, role: 'manager' }, store.handlers({
    // Every (re)connection starts with HallState: fetch the alerts missed meanwhile.
    HallState: () => { loadAlerts(); charts.load(); },
    Alert: a => {
      alerts = [a, ...alerts.filter(x => x.key !== a.key)]; if (store.state) renderAlerts();
      if (a.kind === 'rating-case-overdue') cases.load();
    },
  }), state => { connEl.state = state; });
}

// ---------- views: 总览, 设备, 操作记录 ----------

const zone = () => store.state?.timeZone;
const devices = devicesView({ base, zone, status: $('devices-status') });
const audit = auditView({ base, zone, devices: devices.devices, status: $('audit-status') });
const charts = chartsView({ base, zone, categories: () => store.state?.categories, section: $('charts'),
  visible: () => allowed && !$('view-overview').hidden });
const cases = casesView({ base, zone, status: $('cases-status') });
const VIEWS = ['overview', 'devices', 'audit'];

function showView() {
  const view = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'overview';
  for (const v of VIEWS) $(`view-${v}`).hidden = !allowed || v !== view;
  for (const a of document.querySelectorAll('[data-view]')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!allowed) return;
  if (view === 'overview') { charts.load(); cases.load(); }
  if (view === 'devices') devices.load();
  // The audit names devices by their names: read the list first.
  if (view === 'audit') devices.load().then(audit.load);
}
addEventListener('hashchange', showView);

// ---------- sign-in ----------

const signOut = staffSession($('gate'), me => {
  $('who').textContent = `${me.userName}（${ROLE_ZH[me.role] ?? me.role}）`;
  $('sign-out').hidden = false;
  allowed = mayWork(me, hallId, ['manager']);
  $('no-access').hidden = allowed;
  if (allowed) connect(); else noAccess(me);
  showView();
});

/** A clerk, or a manager of other halls: where this account may work instead. */
function noAccess(me) {
  hub?.stop(); hub = null; connEl.hidden = true;
  $('no-access-text').textContent = `账号 ${me.userName}（${ROLE_ZH[me.role] ?? me.role}）不能管理本大厅。`;
  const links = me.halls.map(h => me.role === 'clerk' ? [`/clerk/${h}`, `进入 ${h} 的窗口叫号`] : [`/manager/${h}`, `管理大厅 ${h}`]);
  $('no-access-links').innerHTML = String(html`${links.map(([href, text]) => html`<li><a href="${href}">${text}</a></li>`)}`);
}

$('sign-out').addEventListener('click', async () => {
  allowed = false;
  hub?.stop(); hub = null; connEl.hidden = true;
  await signOut();
  $('who').textContent = '';
  $('sign-out').hidden = true;
  $('no-access').hidden = true;
  showView();
});
