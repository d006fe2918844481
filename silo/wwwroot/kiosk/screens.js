// Kiosk screen renderers: pure functions from the hall state and the resident's ui state to markup.
// Lists are paged to what fits the screen: `ui.fit[kind]` is how many tiles of a kind fit (index.js measures it),
// and each list reports in `ui.shown[kind]` how many it drew.
import { html } from '/shared/lib/html.js';
import { waitText, waitPhrase } from '/shared/lib/format.js';
import { phoneLink } from './phone-link.js';
import { isResultStep, firstSteps } from '/shared/lib/categories.js';

const GREEN_REASONS = [
  ['elderly', '老年人'], ['disabled', '残疾人'], ['pregnant', '孕妇'], ['other', '其他需要帮助的群众'],
];
const reasonName = id => GREEN_REASONS.find(r => r[0] === id)?.[1] ?? '';

// 长辈模式 shows fewer, larger choices: at most these many a screen, fewer where they do not fit.
const ELDER_CAP = { start: 5, bundles: 4, matters: 4 };

function paged(items, kind, ui, elder) {
  const size = Math.max(1, Math.min(ui.fit[kind] ?? items.length, elder ? ELDER_CAP[kind] : items.length));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(ui.pages[kind] ?? 0, pages - 1);
  const shown = items.slice(page * size, page * size + size);
  ui.shown[kind] = shown.length;
  const pager = pages > 1 ? html`<nav class="pager" aria-label="翻页">
      <button type="button" data-action="page" data-kind="${kind}" data-to="${page - 1}" ${page === 0 ? 'disabled' : ''}>上一页</button>
      <span>第 ${page + 1} / ${pages} 页</span>
      <button type="button" data-action="page" data-kind="${kind}" data-to="${page + 1}" ${page === pages - 1 ? 'disabled' : ''}>下一页</button>
    </nav>` : '';
  return { items: shown, pager };
}

/** Where a step of a route is done: 出件窗口, or the category's windows. */
const placeOf = (s, code) => isResultStep(s, code) ? '出件窗口' : `${s.categories.find(c => c.code === code)?.name ?? code}窗口`;

const soldOut = c => c?.leftToday === 0;
/** What a category tile says under its name: the queue, or that no number is left today. */
function categoryLoad(c) {
  if (soldOut(c)) return '今日号已取完';
  const left = c.leftToday != null && c.leftToday <= 20 ? ` · 今日余 ${c.leftToday} 号` : '';
  return `等候 ${c.waiting} 人 · ${c.beyondClosing ? '超过今日办公时间' : waitText(c.estimatedWaitMinutes)}${left}`;
}

/** The chosen matters in the order the ticket walks them: grouped by category, categories in the order first chosen. */
export function chosenRoute(s, selected) {
  const groups = new Map();
  for (const id of selected) {
    const m = s.matters.find(x => x.id === id);
    if (!m) continue;
    if (!groups.has(m.categoryCode)) groups.set(m.categoryCode, []);
    groups.get(m.categoryCode).push(m);
  }
  return [...groups].map(([code, matters]) => ({ code, name: s.categories.find(c => c.code === code)?.name ?? code, matters }));
}

const greenBanner = ui => ui.green ? html`<p class="banner">绿色通道 · ${reasonName(ui.green)}</p>` : '';

/** The matters chosen so far, across categories, and the way on to the ticket. */
function cart(s, ui) {
  if (!ui.selected.size) return '';
  const route = chosenRoute(s, ui.selected);
  return html`<div class="cart" role="region" aria-label="已选事项">
      <p>已选 ${ui.selected.size} 项：${route.map(r => `${r.name} ${r.matters.length} 项`).join('、')}</p>
      <button type="button" class="primary" data-action="confirm">取号（已选 ${ui.selected.size} 项）</button>
      <button type="button" class="secondary" data-action="clear">清空</button>
    </div>`;
}

// One grid holds it all, so a hall of 19 categories fits one screen where there is room: the bundles (一件事) first,
// then the categories, paged together, and the green channel and appointment tiles always last.
function startScreen(s, ui, elder) {
  const chosen = ui.selected.size > 0;
  const bundleTile = b => html`
    <button type="button" class="tile bundle" data-action="bundle" data-id="${b.id}">
      <b>${b.name}</b><small>一件事 · 含 ${b.matterIds.length} 个事项，一次取号</small></button>`;
  const chosenIn = code => [...ui.selected].filter(id => s.matters.find(m => m.id === id)?.categoryCode === code).length;
  const categoryTile = c => html`
    <button type="button" class="tile ${soldOut(c) ? 'sold-out' : ''}" data-action="category" data-code="${c.code}" ${soldOut(c) ? 'disabled' : ''}>
      <b>${c.name}</b><small>${categoryLoad(c)}</small>${chosenIn(c.code) ? html`<em class="chosen">已选 ${chosenIn(c.code)} 项</em>` : ''}</button>`;
  // 长辈模式 reaches the bundles through one tile; the green channel and a selection under way take numbers by matter.
  const bundles = ui.green || chosen ? [] : s.bundles ?? [];
  const entry = elder && bundles.length
    ? html`<button type="button" class="tile bundle-entry" data-action="bundles"><b>一件事 · 套餐办理</b><small>${bundles.length} 个套餐，一次取号</small></button>` : '';
  const list = paged([...(elder ? [] : bundles.map(bundleTile)), ...firstSteps(s).map(categoryTile)], 'start', ui, elder);
  const specials = chosen ? '' : ui.green
    ? html`<button type="button" class="tile" data-action="green-cancel"><b>退出绿色通道</b><small>按普通方式取号</small></button>`
    : html`<button type="button" class="tile green" data-action="green"><b>绿色通道</b><small>老年人、残疾人、孕妇等优先</small></button>
           <button type="button" class="tile appt" data-action="appointment"><b>预约签到</b><small>输入预约码取号</small></button>`;
  return html`
    <h2 tabindex="-1">${ui.green ? `绿色通道 · ${reasonName(ui.green)}：请选择业务` : chosen ? '可再选其他业务的事项，一张号依次办理' : '请选择要办理的业务'}</h2>
    ${s.isOpenNow === false ? html`<p class="banner warn">当前不在办公时间，取号可能不被受理</p>` : ''}
    ${cart(s, ui)}
    <div class="tiles">${entry}${list.items}${specials}</div>
    ${list.pager}`;
}

function categoryScreen(s, ui, elder) {
  const cat = s.categories.find(c => c.code === ui.category);
  const matters = paged((s.matters ?? []).filter(m => m.categoryCode === ui.category), 'matters', ui, elder);
  const n = ui.selected.size;
  const out = soldOut(cat);
  return html`
    <h2 tabindex="-1">${cat?.name ?? ''}：请选择事项（可多选，可加选其他业务）</h2>
    ${greenBanner(ui)}
    ${out ? html`<p class="banner warn" role="alert">${cat.name}今日号已取完，请明天再来，或咨询大厅工作人员。</p>`
          : html`<p class="note">${categoryLoad(cat)}</p>`}
    <div class="tiles" role="group" aria-label="事项">${matters.items.map(m => html`
      <button type="button" class="tile" data-action="matter" data-id="${m.id}" aria-pressed="${ui.selected.has(m.id)}" ${out ? 'disabled' : ''}>
        <b>${m.name}</b>${m.department ? html`<small>${m.department}</small>` : ''}</button>`)}</div>
    ${matters.pager}
    <div class="row">${n
      ? html`<button type="button" class="primary" data-action="confirm">取号（已选 ${n} 项）</button>
             <button type="button" class="secondary" data-action="back">加选其他业务</button>`
      : html`<button type="button" class="primary" data-action="issue-category" ${out ? 'disabled' : ''}>不确定事项，直接取号</button>
             <button type="button" class="secondary" data-action="back">返回</button>`}
    </div>`;
}

/** The chosen matters once more, step by step, before the one ticket for them all. */
function confirmScreen(s, ui) {
  const route = chosenRoute(s, ui.selected);
  return html`
    <h2 tabindex="-1">请确认要办理的事项</h2>
    ${greenBanner(ui)}
    <ol class="steps">${route.map((r, i) => html`
      <li><b>${route.length > 1 ? `第 ${i + 1} 步 · ` : ''}${r.name}</b><span>${r.matters.map(m => m.name).join('、')}</span></li>`)}</ol>
    <p class="note">${route.length > 1 ? '一张号依次办理：上一步办结后自动排入下一步，请留意叫号。' : '取号后请留意叫号。'}</p>
    <div class="row">
      <button type="button" class="primary" data-action="issue-matters">确认取号</button>
      <button type="button" class="secondary" data-action="back">加选其他业务</button>
      <button type="button" class="secondary" data-action="clear">清空重选</button>
    </div>`;
}

function bundlesScreen(s, ui, elder) {
  const list = paged(s.bundles ?? [], 'bundles', ui, elder);
  return html`
    <h2 tabindex="-1">一件事 · 套餐办理</h2>
    <div class="tiles">${list.items.map(b => html`
      <button type="button" class="tile bundle" data-action="bundle" data-id="${b.id}">
        <b>${b.name}</b><small>含 ${b.matterIds.length} 个事项，一次取号</small></button>`)}</div>
    ${list.pager}
    <div class="row"><button type="button" class="secondary" data-action="home">返回</button></div>`;
}

function bundleScreen(s, ui) {
  const b = s.bundles.find(x => x.id === ui.bundle);
  const names = b.matterIds.map(id => s.matters.find(m => m.id === id)?.name ?? id);
  const route = (b.route ?? []).map(code => placeOf(s, code));
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

function appointmentScreen(s, ui) {
  const keys = ui.letters ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('') : '1 2 3 4 5 6 7 8 9 YY 0'.split(' ');
  return html`
    <h2 tabindex="-1">预约签到</h2>
    <label for="code">请输入预约码（短信或预约记录中）</label>
    <input id="code" class="code-input" autocomplete="off" autocapitalize="characters" spellcheck="false"
           inputmode="text" value="${ui.code}" aria-describedby="code-help">
    <p id="code-help" class="note">可用屏幕键盘输入，也可直接键入。线上取号的，请输入手机上的签到码。</p>
    ${doorCode(ui.door)}
    <div class="keypad ${ui.letters ? 'letters' : ''}" role="group" aria-label="屏幕键盘">${keys.map(k => html`
      <button type="button" data-action="key" data-key="${k}">${k}</button>`)}</div>
    <div class="row">
      <button type="button" class="secondary" data-action="letters">${ui.letters ? '数字' : '字母'}</button>
      <button type="button" class="secondary" data-action="backspace" aria-label="删除一位">删除</button>
      <button type="button" class="primary" data-action="issue-appointment" ${ui.code.trim() ? '' : 'disabled'}>签到取号</button>
      <button type="button" class="secondary" data-action="home">返回</button>
    </div>`;
}

/** 线上取号 at the door: the phone scans the QR (or its resident types the six digits on the ticket's page). */
function doorCode(door) {
  if (!door) return '';
  const link = phoneLink(door.url);
  return html`<div class="door-code">
      ${link ? html`<qr-code value="${link}" label="线上取号扫码签到"></qr-code>` : ''}
      <p>线上取号签到：${link ? '用取号的手机扫码，或' : ''}在手机排队页输入 <b class="num">${door.code}</b></p>
    </div>`;
}

/** 第 1 步，共 2 步 · 第 2 步到出件窗口: where each later step of the ticket's route is done. */
function stepsText(t) {
  if (!(t.steps > 1)) return '';
  const later = (t.route ?? []).slice(t.step).map((r, i) =>
    `第 ${t.step + 1 + i} 步到${r.windowKind === 'result' ? '出件' : r.categoryName}窗口`);
  return [`第 ${t.step} 步，共 ${t.steps} 步`, ...later].join(' · ');
}

function ticketScreen(s, ui) {
  const t = ui.ticket;
  const link = phoneLink(t.statusUrl);
  return html`
    <div class="ticket-wrap"><section class="ticket" aria-labelledby="ticket-title">
      <div class="ticket-main">
        <h2 id="ticket-title" class="label" tabindex="-1">您的号码</h2>
        <p class="number" aria-label="号码 ${t.number}">${t.number}</p>
        <p class="what">${t.categoryName}${t.bundle ? html` · ${t.bundle.name}` : ''}</p>
        ${t.matters?.length ? html`<p class="what">${t.matters.map(m => m.name).join('、')}</p>` : ''}
        ${t.steps > 1 ? html`<p class="route">${stepsText(t)}</p>` : ''}
        ${t.priority === 'green' ? html`<p class="banner">绿色通道优先叫号：工作人员可能核验资格，请备好相关证件</p>` : ''}
        ${t.appointmentSlot ? html`<p class="banner">预约已签到</p>` : ''}
        ${t.remote ? html`<p class="banner">线上取号已签到，请留意叫号</p>` : ''}
        ${t.lateForAppointment ? html`<p class="banner">已过预约签到时间，按普通号排队</p>` : ''}
        <p class="wait">前面还有 <span class="num">${t.peopleAhead ?? 0}</span> 人 · ${waitPhrase(t.estimatedWaitMinutes, t.beyondClosing)}</p>
      </div>
      <div class="ticket-side">
        ${link
          ? html`<div class="qr"><qr-code value="${link}" label="手机扫码查看排队进度"></qr-code>
              <p>用手机扫码<br>随时查看排队进度<br>叫号时提醒您</p></div>`
          : html`<p class="no-qr">请记下您的号码，留意大厅屏幕和语音叫号。</p>`}
        <p class="print ${ui.print?.kind ?? ''}" role="status">${ui.print?.text ?? '正在打印号票…'}</p>
        <button type="button" class="primary" data-action="home">完成</button>
      </div>
    </section></div>`;
}

function errorScreen(s, ui) {
  const e = ui.error;
  return html`
    <h2 tabindex="-1">取号没有成功</h2>
    <p class="banner warn" role="alert">${e.text}</p>
    <div class="row">
      ${e.retry ? html`<button type="button" class="primary" data-action="retry">重试</button>` : ''}
      <button type="button" class="secondary" data-action="home">返回首页</button>
    </div>`;
}

/** Before the hall's state arrives, or while the silo is out of reach: no choice is offered that cannot be taken. */
export function loadingScreen(connState) {
  return connState === 'offline'
    ? html`<div class="unpaired"><h2 tabindex="-1">暂时无法取号</h2>
        <p class="why" role="alert">网络中断，正在自动重新连接。恢复后即可取号，请稍候或向大厅工作人员求助。</p></div>`
    : html`<h2 tabindex="-1">正在加载…</h2>`;
}

/** No pairing (or revoked): the kiosk offers nothing it cannot do, and says who can fix it. */
export function unpairedScreen(why) {
  return html`<div class="unpaired" role="alert">
    <h2 tabindex="-1">本机尚未配对，请联系大厅管理员</h2>
    ${why ? html`<p class="why">${why}</p>` : ''}
    <p class="note">管理员在“大厅管理 → 设备”中配对取号机，然后在本机打开配对链接或扫描配对二维码。</p>
  </div>`;
}

export const screens = { start: startScreen, category: categoryScreen, confirm: confirmScreen, bundles: bundlesScreen, bundle: bundleScreen,
                         green: greenScreen, appointment: appointmentScreen, ticket: ticketScreen, error: errorScreen };
