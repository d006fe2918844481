// 设备配对 (/pair/{hallId}#token=…): the page a manager's pairing link or QR code opens on a device, once. It asks
// the silo which device the token is, keeps the token in this browser (localStorage, per hall), takes it out of the
// address bar, and goes on to that device's page. The token rides in the fragment, so no server log or Referer has it.
import { html } from '/shared/lib/html.js';
import { api, pathArgs, hallPath } from '/shared/lib/api.js';
import { pairedDevice, rememberDevice, kindZh } from '/shared/lib/device.js';

const [hallId] = pathArgs();
const main = document.getElementById('pair');
const token = new URLSearchParams(location.hash.slice(1)).get('token');
// Out of the address bar at once: a bookmark, a screenshot or someone at the screen must not pick it up.
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

/** Where each kind of device goes once paired (an evaluator's name is the window it faces). */
const PAGES = {
  kiosk: () => `/kiosk/${encodeURIComponent(hallId)}`, tv: () => `/tv/${encodeURIComponent(hallId)}`,
  evaluator: d => `/evaluator/${encodeURIComponent(hallId)}/${encodeURIComponent(d.name)}`,
};

// What runs on a device with no page of its own, and where its token goes.
const PROGRAMS = {
  'display-agent': '在这台电脑上运行 LED 显示代理（displays/Agent，见其 README），并把下面的令牌写入它的配置。',
  'print-agent': '在这台取号机电脑上运行打印代理（ticket-printer/PrinterTool agent），并把下面的令牌交给它。',
  integration: '把下面的令牌交给对接系统（如省好差评平台），它以 Bearer 令牌调用 /api/halls/{大厅}/ratings/export（见 docs/ratings-export.md）。',
};

function show(markup) {
  main.innerHTML = String(markup);
  main.querySelector('h1')?.focus();
}

async function pair() {
  if (!token) {
    const known = pairedDevice(hallId);
    return show(known
      ? html`<h1 tabindex="-1">本机已配对</h1><p>本机已配对为${kindZh(known.kind)} ${known.name}。</p>${goOn(known)}`
      : html`<h1 tabindex="-1">没有配对令牌</h1><p class="error">请打开大厅管理员给出的配对链接，或扫描配对二维码。</p>`);
  }
  let device;
  try {
    ({ body: device } = await api(`${hallPath(hallId)}/devices/me`, { token, retries: 2 }));
  } catch (e) {
    if (e.status === 401 || e.status === 404)
      return show(html`<h1 tabindex="-1">配对失败</h1><p class="error">配对链接无效或已被撤销。</p>
        <p>请大厅管理员在“大厅管理 → 设备”中重新生成配对链接。</p>`);
    return show(html`<h1 tabindex="-1">暂时无法配对</h1><p class="error">${e.zh}</p>
      <button type="button" class="go" id="retry">重试</button>`);
  }
  const paired = { token, id: device.id, kind: device.kind, name: device.name };
  rememberDevice(hallId, paired);
  if (device.kind === 'window-screen') return chooseWindow(paired);
  const page = PAGES[device.kind]?.(device);
  if (page) {
    show(html`<h1 tabindex="-1">配对成功</h1><p class="ok">本机已配对为${kindZh(device.kind)} ${device.name}，正在打开${kindZh(device.kind)}页面…</p>`);
    return location.replace(page);
  }
  show(html`<h1 tabindex="-1">配对成功</h1><p class="ok">本机已配对为${kindZh(device.kind)} ${device.name}。</p>
    <p>${PROGRAMS[device.kind] ?? '请运行该设备的程序，并把下面的令牌交给它。'}</p>
    <label for="token">设备令牌（请勿外传）</label><input id="token" class="token" readonly value="${token}">`);
}

function goOn(device) {
  const page = PAGES[device.kind]?.(device);
  return page ? html`<p><a class="go" href="${page}">打开${kindZh(device.kind)}页面</a></p>` : '';
}

/** A window screen named by its window number goes straight there; otherwise the installer picks the window. */
async function chooseWindow(device) {
  let windows = [];
  try { windows = (await api(hallPath(hallId), { retries: 2 })).body.windows; } catch { /* the choice below stays empty */ }
  const named = windows.find(w => [String(w.no), `${w.no}号窗口`, `窗口${w.no}`, w.name].includes(device.name));
  const to = no => `/window/${encodeURIComponent(hallId)}/${no}`;
  if (named) {
    show(html`<h1 tabindex="-1">配对成功</h1><p class="ok">本机已配对为窗口屏 ${device.name}，正在打开${named.name}的窗口屏…</p>`);
    return location.replace(to(named.no));
  }
  show(html`<h1 tabindex="-1">配对成功</h1><p class="ok">本机已配对为窗口屏 ${device.name}。</p><p>请选择本屏显示的窗口：</p>
    <div class="choices">${windows.map(w => html`<a href="${to(w.no)}">${w.name}</a>`)}</div>`);
}

main.addEventListener('click', e => { if (e.target.id === 'retry') pair(); });
pair();
