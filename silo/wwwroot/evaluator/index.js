// 好差评 评价器 (/evaluator/{hallId}/{windowNo}): the small screen facing the resident at one window. It speaks as the
// evaluator a manager paired (/pair/{hallId} keeps the token; its name is this window's number). Idle it names the
// window. When the clerk completes a service there, the silo sends RatingRequested and it lights up: the five grades,
// the tags for the chosen one, an optional comment, 提交评价 (POST …/tickets/{id}/rating with the device's token), and
// says 请对本次服务作出评价. It thanks the resident and goes back to idle, and goes back too if nobody rates within a
// minute. Sound before the first touch needs the tablet's browser to allow autoplay (its kiosk mode); the screen says it all.
import { html } from '/shared/lib/html.js';
import { api, pathArgs, hallPath, newKey } from '/shared/lib/api.js';
import { pairedDevice, forgetDevice, kindZh } from '/shared/lib/device.js';
import { connectHall } from '/shared/lib/hub.js';
import { speak, hush } from '/shared/lib/voice.js';
import { registerConnStatus } from '/shared/components/conn-status/conn-status.js';
import { registerStatusLine } from '/shared/components/status-line/status-line.js';
import { registerRatingForm } from '/shared/components/rating-form/rating-form.js';

registerConnStatus(); registerStatusLine(); registerRatingForm();

const [hallId, windowText] = pathArgs();
const windowNo = Number(windowText);
/** Nobody rating for this long (no touch either): the resident has gone. */
const ASK_MS = 60_000;
const THANKS_MS = 6_000;

const main = document.getElementById('screen');
const status = document.getElementById('status');
const connEl = document.querySelector('conn-status');

/** This evaluator's pairing ({ token, id, kind, name }; its name is the window it faces), or null. */
const stored = pairedDevice(hallId);
let device = stored?.kind === 'evaluator' && stored.name === String(windowNo) ? stored : null;
let unpairedWhy = !stored || device ? ''
  : stored.kind === 'evaluator' ? `本机是 ${stored.name} 号窗口的评价器。` : `本机配对为${kindZh(stored.kind)}，不是评价器。`;

let windowName = `${windowNo}号窗口`;
const nameWindow = () => { document.getElementById('window-name').textContent = document.title = `${windowName} · 服务评价`; };
let screen = device ? 'idle' : 'unpaired';
/** The service being rated (a RatingPromptView), its rating scheme, and the key its post is sent with. */
let asked = null;
let timer = 0;

function show(next, ms = 0) {
  screen = next;
  backToIdleIn(ms);
  render();
  main.querySelector('h2')?.focus();
}

function backToIdleIn(ms) {
  clearTimeout(timer);
  if (ms) timer = setTimeout(() => show('idle'), ms);
}

function render() {
  main.dataset.screen = screen;
  if (screen === 'unpaired') {
    main.innerHTML = String(html`<div class="unpaired"><h2 tabindex="-1">本机尚未配对，请联系大厅管理员</h2>
      ${unpairedWhy ? html`<p>${unpairedWhy}</p>` : ''}<p>请大厅管理员在“大厅管理 → 设备”中把本机配对为 ${windowNo} 号窗口的评价器。</p></div>`);
  } else if (screen === 'idle') {
    main.innerHTML = String(html`<div class="idle"><p class="window">${windowName}</p><p class="welcome">您好，欢迎办理业务</p></div>`);
  } else if (screen === 'asking') {
    const p = asked.prompt;
    main.innerHTML = String(html`<div class="ask"><h2 tabindex="-1">请对本次服务作出评价</h2>
      <p class="served">${p.number} · ${p.categoryName}${p.clerkId ? html` · 工号 ${p.clerkId}` : ''}</p></div>
      <rating-form></rating-form>`);
    main.querySelector('rating-form').scheme = asked.scheme;
  } else if (screen === 'done') {
    main.innerHTML = String(html`<div class="done"><h2 tabindex="-1">感谢您的评价！</h2><p>祝您生活愉快</p></div>`);
  }
}

/** The clerk completed a service here: ask its resident (a newer one replaces any still on screen: that resident left). */
async function ask(prompt) {
  if (!device || prompt.windowNo !== windowNo) return;
  let scheme;
  try {
    ({ body: scheme } = await call(`${hallPath(hallId)}/rating-scheme`, { retries: 2 }));
  } catch (e) {
    return status.error(`暂时无法评价：${e.zh}`);
  }
  asked = { prompt, scheme, key: newKey() };
  status.clear();
  show('asking', ASK_MS);
  speak('evaluator-rate');
}

main.addEventListener('rate', async e => {
  if (screen !== 'asking') return;
  const form = e.target, { prompt, key } = asked;
  form.busy = true;
  try {
    await call(`${hallPath(hallId)}/tickets/${encodeURIComponent(prompt.ticketId)}/rating`,
      { method: 'POST', body: e.detail, key, retries: 2 });
    status.clear();
    show('done', THANKS_MS);
    speak('evaluator-thanks');
  } catch (err) {
    if (err.isNetwork) { form.busy = false; return status.error(`评价未提交：${err.zh}，请再按一次提交评价`); }
    // Refused (already rated, say): the silo's words, then back to idle.
    status.error(err.zh, THANKS_MS);
    show('idle');
  }
});

// A resident choosing or typing is still there: the minute starts again.
for (const ev of ['pointerdown', 'keydown', 'input'])
  document.addEventListener(ev, () => { if (screen === 'asking') backToIdleIn(ASK_MS); }, { passive: true, capture: true });

// ---------- pairing and the hub ----------

/** Every call carries the evaluator's token: rating a service at this window needs it. */
const call = (path, options = {}) => api(path, { ...options, token: device?.token });

let hub = null;
/** Never paired, revoked, or the token is another device's: say so, and stop speaking as an evaluator. */
function notPaired(why) {
  if (device) forgetDevice(hallId);
  device = null;
  unpairedWhy = why;
  hub?.stop(); hub = null;
  hush();
  status.clear();
  show('unpaired');
}
addEventListener('sign-in-required', () => notPaired('本机的配对已被撤销。'));

/** Still paired? Revoking the evaluator cuts its hub connection: ask whether that is why. */
function checkPaired() {
  if (!device) return;
  call(`${hallPath(hallId)}/devices/me`).then(({ body }) => { if (body.kind !== 'evaluator') notPaired(`本机配对为${kindZh(body.kind)}，不是评价器。`); },
    () => { /* 401 is handled above; offline is no reason to stop */ });
}

if (device) {
  hub = connectHall({ hall: hallId, role: 'evaluator', window: windowNo }, {
    HallState: s => {
      windowName = s.windows.find(w => w.no === windowNo)?.name ?? windowName;
      nameWindow();
      if (screen === 'idle') render();   // never under a resident's finger
    },
    RatingRequested: ask,
  }, state => {
    if (connEl.state === state) return;
    connEl.state = state;
    if (state === 'offline') checkPaired();
  }, { token: device.token });
  checkPaired();
}
nameWindow();
render();
