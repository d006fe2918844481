// 预约办理 (/book/{hallId}): what for (一件事 or a category) → day → slot → phone and name → the booking code and its QR.
// And 查询/取消预约 by code plus the phone's last four digits. docs/api.md "Appointments".
// One step a screen: a phone at 390×844 never has to scroll to a button. Plain ES modules (WeChat's browser).
import { html } from '/shared/lib/html.js';
import { api, ApiError, pathArgs, hallPath, newKey } from '/shared/lib/api.js';
import { shortTimeOf, dateOf } from '/shared/lib/format.js';
import { firstSteps } from '/shared/lib/categories.js';
import { registerQrCode } from '/shared/components/qr-code/qr-code.js';

registerQrCode();
const [hallId] = pathArgs();
const base = hallPath(hallId);
const main = document.getElementById('main');
const DAYS = 7;
const STATUS_ZH = { booked: '已预约', checkedIn: '已签到', cancelled: '已取消', missed: '未按时签到（记为爽约）' };

let hall = null;
// The form's state survives every refusal: what was typed stays typed.
const ui = { tab: 'book', step: 'what', what: '', days: [], date: '', slots: [], slot: null, phone: '', name: '', key: null,
  refusal: '', busy: false, booking: null, code: '', phone4: '', found: null, lookupRefusal: '' };

/** The choices: bundles (一件事) and the categories a resident starts at (出件 is a later step, never booked). */
function choices() {
  return [
    ...(hall.bundles ?? []).map(b => ({ value: `bundle:${b.id}`, name: b.name, group: '一件事', categoryCode: b.route[0], body: { bundleId: b.id } })),
    ...firstSteps(hall).map(c => ({ value: `category:${c.code}`, name: c.name, group: '业务类别', categoryCode: c.code, body: { categoryCode: c.code } })),
  ];
}
const chosen = () => choices().find(c => c.value === ui.what);

/** yyyy-mm-dd of an instant in the hall's time zone. */
const isoDate = (d, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const slotText = slot => `${dateOf(new Date(slot.start), hall.timeZone)} ${shortTimeOf(new Date(slot.start), hall.timeZone)}–${shortTimeOf(new Date(slot.end), hall.timeZone)}`;

function whatScreen() {
  const groups = ['一件事', '业务类别'].map(g => {
    const items = choices().filter(c => c.group === g);
    return items.length ? html`<optgroup label="${g}">${items.map(c => html`<option value="${c.value}" ${c.value === ui.what ? 'selected' : ''}>${c.name}</option>`)}</optgroup>` : '';
  });
  const days = ui.what ? html`<h2 id="day-h">选择日期</h2>
    <div class="grid" role="group" aria-labelledby="day-h">${ui.days.map(d => {
      // Seats in slots whose booking has closed (too soon before their start) are not on offer.
      const left = d.slots?.reduce((n, s) => n + (s.open ? s.left : 0), 0) ?? 0;
      const why = d.slots == null ? '正在查询…' : d.slots.length === 0 ? '当日不可预约'
        : !d.slots.some(s => s.open) ? '已截止预约' : left === 0 ? '已约满' : `可约 ${left} 人`;
      return html`<button type="button" data-action="day" data-date="${d.date}" ${d.slots?.length && left ? '' : 'disabled'}>${d.label}<small>${why}</small></button>`;
    })}</div>` : html`<p class="note">请先选择要办理的事项。</p>`;
  return html`<label for="what" class="title">办理什么</label>
    <select id="what" data-action="what"><option value="">请选择事项</option>${groups}</select>
    ${days}<p class="refusal" role="alert">${ui.refusal}</p>`;
}

function slotScreen() {
  const c = chosen();
  return html`<p class="chosen">${c.name} · ${ui.days.find(d => d.date === ui.date)?.label}</p>
    <h2 id="slot-h">选择时段</h2>
    <div class="grid slots" role="group" aria-labelledby="slot-h">${ui.slots.map(s => html`<button type="button" data-action="slot" data-start="${s.start}"
      ${s.open && s.left > 0 ? '' : 'disabled'}>${shortTimeOf(new Date(s.start), hall.timeZone)}<small>${!s.open ? '已截止' : s.left > 0 ? `余 ${s.left}` : '已满'}</small></button>`)}</div>
    <div class="row"><button type="button" class="secondary" data-action="back" data-to="what">上一步</button></div>
    <p class="refusal" role="alert">${ui.refusal}</p>`;
}

function formScreen() {
  return html`<p class="chosen">${chosen().name} · ${slotText(ui.slot)}</p>
    <form id="book-form" novalidate>
      <label for="phone">手机号码（必填）</label>
      <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="11" required value="${ui.phone}">
      <label for="name">姓名（选填）</label>
      <input id="name" name="name" autocomplete="name" maxlength="30" value="${ui.name}">
      <p class="refusal" role="alert">${ui.refusal}</p>
      <p class="note" id="no-show-note">不能到场请提前取消；多次预约未到（爽约）的手机号将暂停预约。</p>
      <div class="row">
        <button type="button" class="secondary" data-action="back" data-to="slot">上一步</button>
        <button type="submit" class="primary" ${ui.busy ? 'disabled' : ''}>${ui.busy ? '正在预约…' : '确认预约'}</button>
      </div>
    </form>`;
}

/** 材料清单: what to bring, when the hall has listed it for what was booked. */
const materialsList = b => b.materials?.length ? html`<section class="materials" id="materials" aria-labelledby="materials-h">
    <h2 id="materials-h">请携带以下材料</h2><ul>${b.materials.map(m => html`<li>${m}</li>`)}</ul></section>` : '';

const qrText = b => `预约码 ${b.code}\n${b.categoryName} ${slotText(b.slot)}\n到大厅取号机点“预约签到”输入预约码`;

function doneScreen() {
  const b = ui.booking;
  return html`<section class="card" aria-labelledby="code-label">
      <p id="code-label" class="note">预约成功，您的预约码</p>
      <p class="code" id="booking-code">${b.code}</p>
      <p>${b.categoryName} · ${slotText(b.slot)}</p>
      <qr-code value="${qrText(b)}" label="预约二维码"></qr-code>
      <p>到大厅取号机点“预约签到”输入预约码</p>
    </section>
    ${materialsList(b)}
    <div class="row"><button type="button" class="secondary" data-action="again">再约一个</button></div>`;
}

function lookupScreen() {
  const b = ui.found;
  const card = b ? html`<section class="card" aria-label="预约详情">
      <p class="code">${b.code}</p>
      <p class="status" id="booking-status">${STATUS_ZH[b.status] ?? b.status}</p>
      <p>${b.categoryName} · ${slotText(b.slot)}</p>
      ${b.status === 'booked' ? html`<div class="row"><button type="button" class="secondary" data-action="cancel">取消预约</button></div>` : ''}
    </section>${b.status === 'booked' ? materialsList(b) : ''}` : '';
  return html`<form id="lookup-form" novalidate>
      <h2>查询/取消预约</h2>
      <label for="code">预约码</label>
      <input id="code" name="code" autocomplete="off" value="${ui.code}">
      <label for="phone4">手机号码后四位</label>
      <input id="phone4" name="phone4" inputmode="numeric" maxlength="4" value="${ui.phone4}">
      <p class="refusal" role="alert">${ui.lookupRefusal}</p>
      <div class="row"><button type="submit" class="primary">查询</button></div>
    </form>${card}`;
}

function render() {
  for (const t of document.querySelectorAll('[data-action=tab]')) t.setAttribute('aria-pressed', String(t.dataset.tab === ui.tab));
  if (!hall) return;
  const screen = ui.tab === 'lookup' ? lookupScreen : { what: whatScreen, slot: slotScreen, form: formScreen, done: doneScreen }[ui.step];
  main.innerHTML = screen();
}

/** The next seven days of the chosen service, each with its slots (none: that day cannot be booked). */
async function loadDays() {
  const c = chosen();
  if (!c) { ui.days = []; return render(); }
  const now = Date.now();
  ui.days = Array.from({ length: DAYS }, (_, i) => {
    const d = new Date(now + i * 86_400_000);
    return { date: isoDate(d, hall.timeZone), label: (i === 0 ? '今天 ' : '') + dateOf(d, hall.timeZone), slots: null };
  });
  render();
  const what = ui.what;
  await Promise.all(ui.days.map(async d => {
    try {
      d.slots = (await api(`${base}/appointment-slots?date=${d.date}&categoryCode=${encodeURIComponent(c.categoryCode)}`, { retries: 1 })).body ?? [];
    } catch (e) { d.slots = []; ui.refusal = e.zh; }
  }));
  if (ui.what === what && ui.tab === 'book' && ui.step === 'what') render();
}

async function chooseDay(date) {
  ui.date = date; ui.refusal = '';
  const c = chosen();
  try {
    ui.slots = (await api(`${base}/appointment-slots?date=${date}&categoryCode=${encodeURIComponent(c.categoryCode)}`, { retries: 1 })).body ?? [];
    ui.step = 'slot';
  } catch (e) { ui.refusal = e.zh; }
  render();
}

async function book(form) {
  ui.phone = form.phone.value.trim(); ui.name = form.name.value.trim();
  if (!/^\d{11}$/.test(ui.phone)) { ui.refusal = '请输入 11 位手机号码'; render(); document.getElementById('phone').focus(); return; }
  ui.refusal = ''; ui.busy = true; render();
  // One key per attempt: a retry of the same attempt (network lost) books once.
  ui.key ??= newKey();
  try {
    const body = { ...chosen().body, slotStart: ui.slot.start, phone: ui.phone, ...(ui.name ? { name: ui.name } : {}) };
    ui.booking = (await api(`${base}/appointments`, { method: 'POST', body, key: ui.key, retries: 2 })).body;
    ui.step = 'done'; ui.key = null;
    ui.code = ui.booking.code; ui.phone4 = ui.phone.slice(-4);
  } catch (e) {
    ui.refusal = e.zh;
    if (!(e instanceof ApiError && e.isNetwork)) ui.key = null;   // the silo answered: a changed form is a new attempt
  }
  ui.busy = false; render();
}

async function lookup(path, options) {
  ui.lookupRefusal = '';
  try { ui.found = (await api(path, options)).body; } catch (e) { ui.lookupRefusal = e.zh; }
  render();
}

document.addEventListener('click', e => {
  const b = e.target.closest('button[data-action]');
  if (!b || b.disabled) return;
  const a = b.dataset.action;
  if (a === 'tab') { ui.tab = b.dataset.tab; render(); }
  else if (a === 'day') chooseDay(b.dataset.date);
  else if (a === 'slot') { ui.slot = ui.slots.find(s => s.start === b.dataset.start); ui.step = 'form'; ui.refusal = ''; render(); }
  else if (a === 'back') { ui.step = b.dataset.to; ui.refusal = ''; render(); if (ui.step === 'what') loadDays(); }
  else if (a === 'again') { ui.step = 'what'; ui.booking = null; render(); loadDays(); }
  else if (a === 'cancel') lookup(`${base}/appointments/${encodeURIComponent(ui.found.code)}/cancel`, { method: 'POST', body: { phone4: ui.phone4 } });
});

document.addEventListener('change', e => {
  if (e.target.id === 'what') { ui.what = e.target.value; ui.refusal = ''; loadDays(); }
});

document.addEventListener('input', e => {
  if (e.target.id in { phone: 1, name: 1, code: 1, phone4: 1 }) ui[e.target.id] = e.target.value;
});

document.addEventListener('submit', e => {
  e.preventDefault();
  if (e.target.id === 'book-form') book(e.target);
  else if (e.target.id === 'lookup-form') {
    ui.code = e.target.code.value.trim(); ui.phone4 = e.target.phone4.value.trim(); ui.found = null;
    if (!ui.code || !/^\d{4}$/.test(ui.phone4)) { ui.lookupRefusal = '请输入预约码和手机号码后四位'; render(); return; }
    lookup(`${base}/appointments/${encodeURIComponent(ui.code)}?phone4=${ui.phone4}`);
  }
});

// No top-level await: older in-app browsers (WeChat's) load the page all the same.
api(base, { retries: 2 }).then(({ body }) => {
  hall = body;
  document.getElementById('hall-name').textContent = `${hall.name} · 预约办理`;
  document.title = `${hall.name} 预约办理`;
  render();
}, e => { main.innerHTML = html`<p class="refusal" role="alert">${e.zh}</p>`; });
