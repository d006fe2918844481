// 线上取号 (/take/{hallId}): a resident at home takes a number for a category whose wait is long enough
// (the hall's remoteMinWaitMinutes), then follows it on the ticket's own page. The silo decides and says why it
// refuses (closed, a short queue, no window); the page states the rule. The ticket is remembered on this phone for
// the door's check-in QR.
import { html } from '/shared/lib/html.js';
import { api, pathArgs, hallPath, newKey } from '/shared/lib/api.js';
import { waitText } from '/shared/lib/format.js';
import { firstSteps } from '/shared/lib/categories.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { remember } from '/phone/remote.js';

registerStatusLine();
const [hallId] = pathArgs();
const $ = id => document.getElementById(id);
const keys = new Map();   // one Idempotency-Key per category, kept for its retries

function render(s) {
  $('hall-name').textContent = `${s.name} · 线上取号`;
  if (s.remoteMinWaitMinutes == null) {
    $('choices').innerHTML = '<section class="card"><p class="state">本大厅未开通线上取号</p><p class="what">请到大厅取号机取号。</p></section>';
    return;
  }
  $('choices').innerHTML = String(html`<p class="what">预计等候 ${s.remoteMinWaitMinutes} 分钟以上的业务可以线上取号；排队不长时请直接到大厅取号。</p>
    ${firstSteps(s).map(c => html`<section class="card take-card">
      <p class="state">${c.name}</p>
      <p class="what">等候 ${c.waiting} 人 · 预计${c.beyondClosing ? '超过今日办公时间' : waitText(c.estimatedWaitMinutes)}</p>
      <button type="button" class="primary" data-code="${c.code}" aria-label="${c.name} 线上取号">线上取号</button>
    </section>`)}`);
}

$('choices').addEventListener('click', async e => {
  const code = e.target.closest('button[data-code]')?.dataset.code;
  if (!code) return;
  e.target.disabled = true;
  if (!keys.has(code)) keys.set(code, newKey());
  try {
    const { body: t } = await api(`${hallPath(hallId)}/tickets/remote`, { method: 'POST', body: { categoryCode: code }, key: keys.get(code), retries: 2 });
    remember(hallId, t.id);
    location.assign(t.statusUrl);
  } catch (err) {
    $('status').error(`未取到号：${err.zh}`);
    if (!err.isNetwork) keys.delete(code);   // refused: a new try is a new request
    load();
  }
});

async function load() {
  try { render((await api(hallPath(hallId))).body); }
  catch (err) { $('status').error(err.zh); }
}
load();
