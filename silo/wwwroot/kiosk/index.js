// 取号机 (kiosk): categories → matters, bundles (一件事) on the first screen, green channel,
// appointment check-in, then the ticket with its QR code. One page, screens swapped in <main>.
import { html } from '/shared/lib/html.js';
import { api, newKey, pathArgs, hallPath } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { HallStore } from '/shared/lib/store.js';
import { waitText } from '/shared/lib/format.js';
import { keepFocus } from '/shared/lib/focus.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerHallClock } from '/shared/components/hall-clock/hall-clock.js';
import { registerQrCode } from '/shared/components/qr-code/qr-code.js';

registerConnStatus(); registerStatusLine(); registerHallClock(); registerQrCode();

const [hallId] = pathArgs();
const kioskId = new URLSearchParams(location.search).get('kiosk') || undefined;
const IDLE_MS = 30_000;
const GREEN_REASONS = [
  ['elderly', '老年人'], ['disabled', '残疾人'], ['pregnant', '孕妇'], ['other', '其他需要帮助的群众'],
];

const store = new HallStore();
const main = document.getElementById('screen');
const status = document.getElementById('status');
const elderBtn = document.getElementById('elder');
const helpBtn = document.getElementById('help');
const connEl = document.querySelector('conn-status');

// What the resident is doing now. Reset to the start screen after 30 s idle.
let ui = fresh();
function fresh() {
  return { screen: 'start', pages: {}, category: null, bundle: null, selected: new Set(),
           green: null, code: '', letters: false, action: null, ticket: null, print: null, error: null };
}
let busy = false;

function go(patch) {
  ui = { ...ui, pages: {}, ...patch };
  render();
  // Move focus to the new screen's heading so screen readers and keyboards follow.
  main.querySelector('h2')?.focus();
}

const elder = () => document.documentElement.classList.contains('elder');
// 长辈模式 shows fewer, larger choices: its start screen leads to the bundles through one tile.
const pageSize = kind => elder()
  ? { bundles: 4, categories: 3, matters: 4 }[kind]
  : { bundles: 6, categories: 9, matters: 12 }[kind];

function paged(items, kind) {
  const size = pageSize(kind);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(ui.pages[kind] ?? 0, pages - 1);
  const pager = pages > 1 ? html`<nav class="pager" aria-label="翻页">
      <button type="button" data-action="page" data-kind="${kind}" data-to="${page - 1}" ${page === 0 ? 'disabled' : ''}>上一页</button>
      <span>第 ${page + 1} / ${pages} 页</span>
      <button type="button" data-action="page" data-kind="${kind}" data-to="${page + 1}" ${page === pages - 1 ? 'disabled' : ''}>下一页</button>
    </nav>` : '';
  return { items: items.slice(page * size, page * size + size), pager };
}

// ---------- screens ----------

function startScreen(s) {
  const greenBanner = ui.green ? html`<p class="banner">绿色通道 · ${reasonName(ui.green)}：请选择业务</p>` : '';
  const bundles = ui.green || elder() ? { items: [], pager: '' } : paged(s.bundles ?? [], 'bundles');
  const cats = paged(s.categories, 'categories');
  const bundleEntry = elder() && !ui.green && s.bundles?.length
    ? html`<button type="button" class="tile bundle-entry" data-action="bundles"><b>一件事 · 套餐办理</b><small>${s.bundles.length} 个套餐，一次取号</small></button>` : '';
  return html`
    <h2 tabindex="-1">${ui.green ? '绿色通道取号' : '请选择要办理的业务'}</h2>
    ${greenBanner}
    ${s.isOpenNow === false ? html`<p class="banner warn">当前不在办公时间，取号可能不被受理</p>` : ''}
    ${bundles.items.length ? html`<h3>一件事 · 套餐办理</h3>
      <div class="tiles">${bundles.items.map(b => html`
        <button type="button" class="tile bundle" data-action="bundle" data-id="${b.id}">
          <b>${b.name}</b><small>含 ${b.matterIds.length} 个事项，一次取号</small></button>`)}</div>${bundles.pager}` : ''}
    ${elder() ? '' : html`<h3>按业务类别</h3>`}
    <div class="tiles">${bundleEntry}${cats.items.map(c => html`
      <button type="button" class="tile" data-action="category" data-code="${c.code}">
        <b>${c.name}</b><small>等候 ${c.waiting} 人 · ${waitText(c.estimatedWaitMinutes)}</small></button>`)}</div>
    ${cats.pager}
    <div class="specials">${ui.green
      ? html`<button type="button" class="tile" data-action="green-cancel"><b>退出绿色通道</b><small>按普通方式取号</small></button>`
      : html`<button type="button" class="tile green" data-action="green"><b>绿色通道</b><small>老年人、残疾人、孕妇等优先</small></button>
             <button type="button" class="tile appt" data-action="appointment"><b>预约签到</b><small>输入预约码取号</small></button>`}
    </div>`;
}

function categoryScreen(s) {
  const cat = s.categories.find(c => c.code === ui.category);
  const matters = paged((s.matters ?? []).filter(m => m.categoryCode === ui.category), 'matters');
  const n = ui.selected.size;
  return html`
    <h2 tabindex="-1">${cat?.name ?? ''}：请选择事项（可多选）</h2>
    ${ui.green ? html`<p class="banner">绿色通道 · ${reasonName(ui.green)}</p>` : ''}
    <p class="note">等候 ${cat?.waiting ?? 0} 人 · ${waitText(cat?.estimatedWaitMinutes)}</p>
    <div class="tiles" role="group" aria-label="事项">${matters.items.map(m => html`
      <button type="button" class="tile" data-action="matter" data-id="${m.id}" aria-pressed="${ui.selected.has(m.id)}">
        <b>${m.name}</b>${m.department ? html`<small>${m.department}</small>` : ''}</button>`)}</div>
    ${matters.pager}
    <div class="row">
      <button type="button" class="primary" data-action="issue-matters" ${n ? '' : 'disabled'}>取号${n ? `（已选 ${n} 项）` : ''}</button>
      <button type="button" class="secondary" data-action="issue-category">不确定事项，直接取号</button>
      <button type="button" class="secondary" data-action="home">返回</button>
    </div>`;
}

function bundlesScreen(s) {
  const list = paged(s.bundles ?? [], 'bundles');
  return html`
    <h2 tabindex="-1">一件事 · 套餐办理</h2>
    <div class="tiles">${list.items.map(b => html`
      <button type="button" class="tile bundle" data-action="bundle" data-id="${b.id}">
        <b>${b.name}</b><small>含 ${b.matterIds.length} 个事项，一次取号</small></button>`)}</div>
    ${list.pager}
    <div class="row"><button type="button" class="secondary" data-action="home">返回</button></div>`;
}

function bundleScreen(s) {
  const b = s.bundles.find(x => x.id === ui.bundle);
  const names = b.matterIds.map(id => s.matters.find(m => m.id === id)?.name ?? id);
  const route = (b.route ?? []).map(code => s.categories.find(c => c.code === code)?.name ?? code);
  return html`
    <h2 tabindex="-1">${b.name}</h2>
    <p>一次取号，可办理以下事项：</p>
    <ul class="what">${names.map(n => html`<li>${n}</li>`)}</ul>
    ${route.length > 1 ? html`<p class="note">办理顺序：${route.join(' → ')}，上一步办结后自动排入下一步。</p>` : ''}
    <div class="row">
      <button type="button" class="primary" data-action="issue-bundle">确认取号</button>
      <button type="button" class="secondary" data-action="home">返回</button>
    </div>`;
}

function greenScreen() {
  return html`
    <h2 tabindex="-1">绿色通道：请选择适用情形</h2>
    <p class="note">绿色通道优先叫号，工作人员可能现场核验资格。</p>
    <div class="tiles">${GREEN_REASONS.map(([id, name]) => html`
      <button type="button" class="tile green" data-action="green-reason" data-id="${id}"><b>${name}</b></button>`)}</div>
    <div class="row"><button type="button" class="secondary" data-action="home">返回</button></div>`;
}

function appointmentScreen() {
  const keys = ui.letters ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('') : '1 2 3 4 5 6 7 8 9 YY 0'.split(' ');
  return html`
    <h2 tabindex="-1">预约签到</h2>
    <label for="code">请输入预约码（短信或预约记录中）</label>
    <input id="code" class="code-input" autocomplete="off" autocapitalize="characters" spellcheck="false"
           inputmode="text" value="${ui.code}" aria-describedby="code-help">
    <p id="code-help" class="note">可用屏幕键盘输入，也可直接键入。</p>
    <div class="keypad ${ui.letters ? 'letters' : ''}" role="group" aria-label="屏幕键盘">${keys.map(k => html`
      <button type="button" data-action="key" data-key="${k}">${k}</button>`)}</div>
    <div class="row">
      <button type="button" class="secondary" data-action="letters">${ui.letters ? '数字' : '字母'}</button>
      <button type="button" class="secondary" data-action="backspace" aria-label="删除一位">删除</button>
      <button type="button" class="primary" data-action="issue-appointment" ${ui.code.trim() ? '' : 'disabled'}>签到取号</button>
      <button type="button" class="secondary" data-action="home">返回</button>
    </div>`;
}

function ticketScreen() {
  const t = ui.ticket;
  const url = new URL(t.statusUrl, location.origin).href;
  const ahead = t.peopleAhead ?? 0;
  return html`
    <div class="ticket-wrap"><section class="ticket" aria-labelledby="ticket-title">
      <h2 id="ticket-title" class="label" tabindex="-1">您的号码</h2>
      <p class="number" aria-label="号码 ${t.number}">${t.number}</p>
      <p class="what">${t.categoryName}${t.bundle ? html` · ${t.bundle.name}` : ''}</p>
      ${t.matters?.length ? html`<p class="what">${t.matters.map(m => m.name).join('、')}</p>` : ''}
      ${t.steps > 1 ? html`<p class="note">第 ${t.step} 步，共 ${t.steps} 步</p>` : ''}
      ${t.priority === 'green' ? html`<p class="banner">绿色通道优先叫号：工作人员可能核验资格，请备好相关证件</p>` : ''}
      ${t.appointmentSlot ? html`<p class="banner">预约已签到</p>` : ''}
      <p class="wait">前面还有 <span class="num">${ahead}</span> 人 · 预计等候 ${waitText(t.estimatedWaitMinutes)}</p>
      <div class="qr"><qr-code value="${url}" label="手机扫码查看排队进度"></qr-code>
        <p>用手机扫码<br>随时查看排队进度<br>叫号时提醒您</p></div>
      <p class="print ${ui.print?.kind ?? ''}" role="status">${ui.print?.text ?? '正在打印号票…'}</p>
      <button type="button" class="primary" data-action="home">完成</button>
    </section></div>`;
}

function errorScreen() {
  const e = ui.error;
  return html`
    <h2 tabindex="-1">取号没有成功</h2>
    <p class="banner warn" role="alert">${e.text}</p>
    <div class="row">
      ${e.retry ? html`<button type="button" class="primary" data-action="retry">重试</button>` : ''}
      <button type="button" class="secondary" data-action="home">返回首页</button>
    </div>`;
}

function loadingScreen() {
  return connEl.state === 'offline'
    ? html`<h2 tabindex="-1">暂时无法取号</h2><p class="banner warn" role="alert">与服务器的连接中断，正在自动重连。请稍候，或点击右上角“呼叫帮办”。</p>`
    : html`<h2 tabindex="-1">正在加载…</h2>`;
}

function render() {
  const s = store.state;
  document.getElementById('hall-name').textContent = s ? s.name : '自助取号';
  if (s?.timeZone) document.querySelector('hall-clock').setAttribute('time-zone', s.timeZone);
  const screens = { start: startScreen, category: categoryScreen, bundles: bundlesScreen, bundle: bundleScreen, green: greenScreen,
                    appointment: appointmentScreen, ticket: ticketScreen, error: errorScreen };
  const needsHall = !['ticket', 'error'].includes(ui.screen);
  // Keep the typed code and caret while re-rendering on live queue updates.
  const typing = document.activeElement?.id === 'code';
  main.innerHTML = needsHall && !s ? loadingScreen() : screens[ui.screen](s);
  if (typing) { const input = document.getElementById('code'); input.focus(); input.setSelectionRange(ui.code.length, ui.code.length); }
}

const reasonName = id => GREEN_REASONS.find(r => r[0] === id)?.[1] ?? '';

// ---------- taking a ticket ----------

/** One user action = one Idempotency-Key, kept for its retries (automatic or the 重试 button). */
async function issue(body) {
  if (busy) return; // a double tap lands here while the first request is in flight
  busy = true; main.inert = true; main.setAttribute('aria-busy', 'true');
  const action = ui.action?.body === body ? ui.action : { key: newKey(), body };
  ui.action = action;
  status.ok('正在取号，请稍候…', 0);
  const payload = { ...body, ...(ui.green ? { priority: 'green', greenReason: ui.green } : {}), ...(kioskId ? { kioskId } : {}) };
  let ticket, error;
  try {
    ({ body: ticket } = await api(`${hallPath(hallId)}/tickets`, { method: 'POST', body: payload, key: action.key, retries: 3 }));
  } catch (e) {
    error = e;
  } finally {
    busy = false; main.inert = false; main.removeAttribute('aria-busy');
    status.clear();
  }
  if (ticket) { go({ screen: 'ticket', ticket, action: null, print: printState(ticket.print) }); followPrint(ticket); }
  else go({ screen: 'error', error: { text: error.isNetwork ? '网络连接中断，未能确认取号。请点“重试”（不会重复取号）。' : error.zh, retry: error.isNetwork } });
}

/**
 * What the printer did. The ticket names this kiosk (kioskId) so the silo prints it; the answer's
 * `print` ({ jobId, status: queued|sent|printed|failed|no-printer, message }) says how it goes, and
 * GET …/print-jobs/{jobId} follows a job still under way. No report means no paper is coming; the
 * resident is told so plainly, and the number stays on screen either way.
 */
function printState(print) {
  if (!kioskId) return { kind: 'failed', text: '本机不打印号票：请记下您的号码，或用手机扫码。' };
  if (print?.status === 'printed') return { kind: 'ok', text: '号票已打印，请取走。' };
  if (print?.status === 'queued' || print?.status === 'sent') return { kind: '', text: '正在打印号票…' };
  const why = print?.message ? `（${print.message}）` : '';
  return { kind: 'failed', text: `打印失败${why}：请记下您的号码，或用手机扫码查看，不影响叫号。` };
}

const PRINT_WAIT_MS = 20_000;
/** Polls a print job still under way, once a second, until it ends or 20 s pass. */
async function followPrint(ticket) {
  const job = ticket.print?.jobId;
  if (!kioskId || !job || !['queued', 'sent'].includes(ticket.print.status)) return;
  for (const until = Date.now() + PRINT_WAIT_MS; Date.now() < until;) {
    await new Promise(r => setTimeout(r, 1000));
    if (ui.ticket !== ticket) return; // the resident moved on
    try {
      const { body } = await api(`${hallPath(hallId)}/print-jobs/${encodeURIComponent(job)}`);
      if (!['queued', 'sent'].includes(body.status)) return showPrint(printState(body));
    } catch { /* keep trying until the deadline */ }
  }
  if (ui.ticket === ticket) showPrint({ kind: 'failed', text: '打印机没有回应：请记下您的号码，或用手机扫码查看，不影响叫号。' });
}

function showPrint(state) {
  ui.print = state;
  const el = main.querySelector('.print');
  if (el) { el.className = `print ${state.kind}`; el.textContent = state.text; }
}

// ---------- events ----------

main.addEventListener('click', e => {
  const btn = e.target.closest('button[data-action]');
  if (!btn || btn.disabled || busy) return;
  const { action, id, code, to, key, kind } = btn.dataset;
  switch (action) {
    case 'page': ui.pages[kind] = Number(to); render(); main.querySelector(`[data-kind="${kind}"]:not([disabled])`)?.focus(); break;
    case 'home': go({ ...fresh(), green: ui.screen === 'ticket' ? null : ui.green }); break;
    case 'category': go({ screen: 'category', category: code, selected: new Set() }); break;
    case 'bundles': go({ screen: 'bundles' }); break;
    case 'bundle': go({ screen: 'bundle', bundle: id }); break;
    case 'matter':
      if (ui.selected.has(id)) ui.selected.delete(id); else ui.selected.add(id);
      render(); main.querySelector(`[data-id="${CSS.escape(id)}"]`)?.focus();
      break;
    case 'issue-matters': issue({ matterIds: [...ui.selected] }); break;
    case 'issue-category': issue({ categoryCode: ui.category }); break;
    case 'issue-bundle': issue({ bundleId: ui.bundle }); break;
    case 'green': go({ screen: 'green' }); break;
    case 'green-reason': go({ screen: 'start', green: id }); break;
    case 'green-cancel': go({ screen: 'start', green: null }); break;
    case 'appointment': go({ screen: 'appointment', code: '' }); break;
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
  ui.pages = {}; render();
}

let helpTimer = 0;
helpBtn.addEventListener('click', async () => {
  helpBtn.disabled = true;
  try {
    await api(`${hallPath(hallId)}/help`, { method: 'POST', body: kioskId ? { kioskId } : {}, retries: 2 });
    status.ok('已通知工作人员，请在此稍候，马上有人来帮您。', 20000);
  } catch (e) {
    status.error(`呼叫没有成功：${e.zh}。请向大厅工作人员示意。`, 20000);
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
    if (busy) return armIdle();
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
connectHall({ hall: hallId, role: 'display' }, store.handlers(), state => {
  connEl.state = state;
  if (!store.state) render();
});
render();
