// Kiosk screen renderers: pure functions from the hall state and the resident's ui state to markup.
import { html } from '/shared/lib/html.js';
import { waitText } from '/shared/lib/format.js';

const GREEN_REASONS = [
  ['elderly', '老年人'], ['disabled', '残疾人'], ['pregnant', '孕妇'], ['other', '其他需要帮助的群众'],
];
const reasonName = id => GREEN_REASONS.find(r => r[0] === id)?.[1] ?? '';

// 长辈模式 shows fewer, larger choices: its start screen leads to the bundles through one tile.
const pageSize = (kind, elder) => elder
  ? { bundles: 4, categories: 3, matters: 4 }[kind]
  : { bundles: 6, categories: 9, matters: 12 }[kind];

function paged(items, kind, ui, elder) {
  const size = pageSize(kind, elder);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(ui.pages[kind] ?? 0, pages - 1);
  const pager = pages > 1 ? html`<nav class="pager" aria-label="翻页">
      <button type="button" data-action="page" data-kind="${kind}" data-to="${page - 1}" ${page === 0 ? 'disabled' : ''}>上一页</button>
      <span>第 ${page + 1} / ${pages} 页</span>
      <button type="button" data-action="page" data-kind="${kind}" data-to="${page + 1}" ${page === pages - 1 ? 'disabled' : ''}>下一页</button>
    </nav>` : '';
  return { items: items.slice(page * size, page * size + size), pager };
}


function startScreen(s, ui, elder) {
  const greenBanner = ui.green ? html`<p class="banner">绿色通道 · ${reasonName(ui.green)}：请选择业务</p>` : '';
  const bundles = ui.green || elder ? { items: [], pager: '' } : paged(s.bundles ?? [], 'bundles', ui, elder);
  const cats = paged(s.categories, 'categories', ui, elder);
  const bundleEntry = elder && !ui.green && s.bundles?.length
    ? html`<button type="button" class="tile bundle-entry" data-action="bundles"><b>一件事 · 套餐办理</b><small>${s.bundles.length} 个套餐，一次取号</small></button>` : '';
  return html`
    <h2 tabindex="-1">${ui.green ? '绿色通道取号' : '请选择要办理的业务'}</h2>
    ${greenBanner}
    ${s.isOpenNow === false ? html`<p class="banner warn">当前不在办公时间，取号可能不被受理</p>` : ''}
    ${bundles.items.length ? html`<h3>一件事 · 套餐办理</h3>
      <div class="tiles">${bundles.items.map(b => html`
        <button type="button" class="tile bundle" data-action="bundle" data-id="${b.id}">
          <b>${b.name}</b><small>含 ${b.matterIds.length} 个事项，一次取号</small></button>`)}</div>${bundles.pager}` : ''}
    ${elder ? '' : html`<h3>按业务类别</h3>`}
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

function categoryScreen(s, ui, elder) {
  const cat = s.categories.find(c => c.code === ui.category);
  const matters = paged((s.matters ?? []).filter(m => m.categoryCode === ui.category), 'matters', ui, elder);
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

function appointmentScreen(s, ui) {
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

function ticketScreen(s, ui) {
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

export function loadingScreen(connState) {
  return connState === 'offline'
    ? html`<h2 tabindex="-1">暂时无法取号</h2><p class="banner warn" role="alert">与服务器的连接中断，正在自动重连。请稍候，或点击右上角“呼叫帮办”。</p>`
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

export const screens = { start: startScreen, category: categoryScreen, bundles: bundlesScreen, bundle: bundleScreen, green: greenScreen,
                         appointment: appointmentScreen, ticket: ticketScreen, error: errorScreen };
