// 手机排队进度: the page behind a ticket's QR code (/ticket/{hallId}/{ticketId}). Live from the
// hub (role=ticket → TicketChanged) with a GET poll as fallback; chimes (after the resident's first tap) and vibrates when called.
// After each finished step the ticket is rateable (好差评): a card asks for the rating, posted by the ticket's secret id.
// A number taken from the phone (线上取号) waits aside until its resident checks in at the hall; the page says so and how.
import { html } from '/shared/lib/html.js';
import { api, pathArgs, hallPath, newKey } from '/shared/lib/api.js';
import { connectHall } from '/shared/lib/hub.js';
import { waitText, timeOf } from '/shared/lib/format.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerRatingForm } from '/shared/components/rating-form/rating-form.js';
import { unlockSound, soundReady, chime } from '/phone/chime.js';
import { remember } from '/phone/remote.js';

registerConnStatus(); registerStatusLine(); registerRatingForm();

const [hallId, ticketId] = pathArgs();
const url = `${hallPath(hallId)}/tickets/${encodeURIComponent(ticketId)}`;
const $ = id => document.getElementById(id);
const conn = document.querySelector('conn-status');
const FINAL = new Set(['completed', 'cancelled', 'expired']);
const STATE_ZH = {
  waiting: '排队等候中', called: '已叫号', serving: '正在办理', parked: '已挂起：补齐材料后请回到原窗口',
  noShow: '已过号', completed: '已办结', cancelled: '已取消', expired: '已过期',
};

let ticket = null;
let timeZone;
let lastCallSeen = null; // calledAt of the call we already vibrated for

/** Where the step after this one is done (route is 0-based, step 1-based): 出件 has windows of its own. */
function nextStep(t) {
  const next = t.route?.[t.step];
  return next ? ` · 第 ${t.step + 1} 步到${next.windowKind === 'result' ? '出件窗口' : `${next.categoryName}窗口`}` : '';
}

// Redrawn only when something shows differently: a refresh must not swap the buttons under the resident's finger.
let shown = '';
function render(t) {
  ticket = t;
  const called = t.status === 'called';
  const away = t.remote && !t.arrivedAt && t.status === 'waiting';
  const card = String(html`<section class="card" aria-labelledby="num-label">
    <p class="label" id="num-label">您的号码</p>
    <p class="number">${t.number}</p>
    <p class="state">${away ? '已线上取号，尚未签到' : STATE_ZH[t.status] ?? t.status}</p>
    <p class="what">${t.categoryName}${t.matters?.length ? html` · ${t.matters.map(m => m.name).join('、')}` : ''}</p>
    ${t.steps > 1 ? html`<p class="what">第 ${t.step} 步，共 ${t.steps} 步${nextStep(t)}</p>` : ''}
    ${t.status === 'waiting' ? html`<div class="facts">
        <div>排在第<b class="num">${(t.peopleAhead ?? 0) + 1}</b>位</div>
        <div>前面还有<b class="num">${t.peopleAhead ?? 0}</b>人</div>
      </div>
      <p>预计等候 <b>${t.beyondClosing ? '超过今日办公时间' : waitText(t.estimatedWaitMinutes)}</b></p>` : ''}
    ${!FINAL.has(t.status) && !away ? html`<p class="sound">${soundReady()
      ? '叫号时手机会响铃并振动，请保持本页打开'
      : html`<button type="button" id="sound-on">开启叫号提示音</button>`}</p>` : ''}
    <div class="actions">
      ${t.status === 'waiting' ? html`<button type="button" id="cancel">不办了，取消排队</button>` : ''}
      ${t.status === 'noShow' ? html`<button type="button" id="reinstate">我已到场，恢复排队</button>` : ''}
    </div>
  </section>`);
  if (card !== shown) $('ticket').innerHTML = shown = card;
  showArrival(away, t.arrivalCode);

  const windowText = t.windowNo != null ? `请到 ${t.windowNo} 号窗口` : '请到窗口';
  $('call').innerHTML = called || t.status === 'serving'
    ? String(html`<div class="callout">${called ? windowText : '正在办理'}<small>${t.windowName ?? ''}${called ? ' · 轮到您了' : ''}</small></div>`)
    : FINAL.has(t.status) ? String(html`<div class="callout ended">${STATE_ZH[t.status]}，感谢您的耐心</div>`) : '';
  document.title = called ? `【叫号】${windowText}` : `${t.number} · 排队进度`;

  // Chime and vibrate once per call (a recall brings a new calledAt). Phones without vibration (iOS) still chime.
  if (called && t.calledAt !== lastCallSeen) {
    lastCallSeen = t.calledAt;
    chime();
    navigator.vibrate?.([400, 150, 400, 150, 400]);
  }
  offerRating(t.rateable);
  $('updated').textContent = `更新于 ${timeOf(new Date(), timeZone)}`;
}

// ---------- 线上取号: checking in at the hall ----------

/** The check-in card while the ticket waits aside; drawn once per state, so a code being typed is kept. */
let arrivalShown = null;
function showArrival(away, code) {
  const state = away ? `away:${code ?? ''}` : '';
  if (state === arrivalShown) return;
  arrivalShown = state;
  if (away) remember(hallId, ticketId);   // the door's QR opens /arrive/{hallId} on this phone
  $('arrive').innerHTML = away ? String(html`<section class="card aside" aria-labelledby="aside-title">
    <p class="state" id="aside-title">请到大厅签到后等待叫号</p>
    <p>签到前不叫号，您的位置保留。</p>
    ${code ? html`<p>到大厅后在取号机点“预约签到”，输入：<span class="code">${code}</span></p>` : ''}
    <p>或输入取号机上显示的 6 位签到码：</p>
    <div class="arrive">
      <input id="door-code" inputmode="numeric" maxlength="6" autocomplete="off" aria-label="门口签到码">
      <button type="button" id="arrive-now" class="primary">签到</button>
    </div>
  </section>`) : '';
}

async function arrive() {
  try {
    const { body } = await api(`${url}/arrive`, { method: 'POST', body: { doorCode: $('door-code').value.trim() } });
    render(body);
    $('status').ok('已签到，请留意叫号');
  } catch (e) {
    $('status').error(`未签到：${e.zh}`);
  }
}

// ---------- 好差评 ----------

let scheme = null;   // the hall's rating scheme, fetched when first needed
/** The step the card on screen rates ({ at, key }: its completedAt, and the key its post is sent with), or null. */
let rating = null;

/** Shows the card for the step the ticket may rate now; takes it away once that step is rated (here or at the window). */
async function offerRating(step) {
  if (!step) { if (rating) { $('rate').innerHTML = ''; rating = null; } return; }
  if (rating?.at === step.completedAt) return;   // already asking: keep what the resident has chosen
  rating = { at: step.completedAt, key: newKey() };
  try {
    scheme ??= (await api(`${hallPath(hallId)}/rating-scheme`, { retries: 2 })).body;
  } catch {
    rating = null;   // asked again with the next update
    return;
  }
  $('rate').innerHTML = String(html`<section class="card rate-card" aria-labelledby="rate-title">
    <h2 id="rate-title">请对本次服务作出评价</h2>
    <p class="what">${step.categoryName} · ${step.windowName ?? `${step.windowNo} 号窗口`}</p>
    <rating-form></rating-form>
  </section>`);
  $('rate').querySelector('rating-form').scheme = scheme;
}

$('rate').addEventListener('rate', async e => {
  const form = e.target;
  form.busy = true;
  try {
    await api(`${url}/rating`, { method: 'POST', body: e.detail, key: rating?.key, retries: 2 });
    $('status').ok('感谢您的评价！');
    $('rate').innerHTML = ''; // gone at once; the ticket read next says the step is rated
  } catch (err) {
    if (err.isNetwork) { form.busy = false; return $('status').error(`评价未提交：${err.zh}`); }
    $('status').error(err.zh);   // already rated (at the window, say): the silo's words
    $('rate').innerHTML = '';
  }
  load();
});

async function load() {
  try {
    const { body } = await api(url);
    render(body);
    hub ??= follow();   // joined once the ticket is known to exist: the silo refuses to follow an unknown one
  } catch (e) {
    if (e.status === 404) {
      $('ticket').innerHTML = String(html`<section class="card"><p class="state">没有找到这张号票</p>
        <p class="what">号码每日清零；请核对链接，或在取号机重新取号。</p></section>`);
      shown = '';
      stopPolling();
    } else if (e.isNetwork) {
      conn.state = 'offline';
      if (!ticket) { $('ticket').innerHTML = '<p class="loading">网络不通，稍后自动重试…</p>'; shown = ''; }
    } else {
      $('status').error(e.zh);
    }
  }
}

// Polling covers a phone whose WebSocket is blocked or asleep; faster while the hub is down.
let pollTimer = 0;
let hubOnline = false;
function schedulePoll() {
  clearTimeout(pollTimer);
  if (ticket && FINAL.has(ticket.status)) return;
  pollTimer = setTimeout(async () => { await load(); schedulePoll(); }, hubOnline ? 30_000 : 8_000);
}
function stopPolling() { clearTimeout(pollTimer); pollTimer = -1; }
document.addEventListener('visibilitychange', () => { if (!document.hidden && pollTimer !== -1) { load(); schedulePoll(); } });

// Any first tap unlocks the chime (browsers allow sound only after one); the button is that tap, said plainly, and
// answers with the chime itself. Keyboard users press it without a pointer: the click below does the same.
function soundOn(sample) {
  if (soundReady() || !unlockSound()) return;
  if (sample) chime();
  if (ticket) render(ticket);
}
document.addEventListener('pointerdown', e => soundOn(e.target.id === 'sound-on'));

document.addEventListener('click', async e => {
  const id = e.target.id;
  if (id === 'sound-on') soundOn(true);
  if (id === 'cancel' && confirm('确定取消排队吗？取消后需要重新取号。')) await command('cancel', '已取消排队');
  if (id === 'reinstate') await command('reinstate', '已恢复排队，请留意叫号');
  if (id === 'arrive-now') await arrive();
});

async function command(action, done) {
  try {
    const { body } = await api(`${url}/${action}`, { method: 'POST', body: {} });
    render(body);
    $('status').ok(done);
  } catch (e) {
    $('status').error(`未完成：${e.zh}`);
  }
}

load().then(schedulePoll);
// The hall's name and time zone (public state; a phone's hub feed carries only its ticket).
api(hallPath(hallId)).then(({ body: s }) => {
  timeZone = s.timeZone;
  $('hall-name').textContent = `${s.name} · 排队进度`;
}).catch(() => {});
let hub = null;
function follow() {
  return connectHall({ hall: hallId, role: 'ticket', ticket: ticketId }, {
    TicketChanged: t => { if (t?.id === ticketId || t?.number === ticket?.number) render(t); },
  }, state => {
    if (conn.state === state) return; // each failed reconnect repeats 'offline'; only a change matters
    hubOnline = state === 'online';
    conn.state = state;
    // Back online: the messages sent meanwhile are gone, so read the ticket now.
    if (hubOnline) load();
    schedulePoll();
  });
}
