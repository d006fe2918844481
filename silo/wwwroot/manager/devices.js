// 设备 (the dashboard's devices view): the hall's paired kiosks, screens and agents. Pairing one shows its link and
// QR code this once (the silo keeps only the token's hash); 撤销 stops the device at once, live connections included.
import { html } from '/shared/lib/html.js';
import { api } from '/shared/lib/api.js';
import { DEVICE_KINDS, kindZh } from '/shared/lib/device.js';
import { dateTimeOf } from '/shared/lib/format.js';

const $ = id => document.getElementById(id);

const NAME_HINTS = {
  kiosk: '名称即取号机编号（如 k1）：它的号票由同名的打印代理打印；群众呼叫帮办时，告警写明它的编号和摆放位置。',
  tv: '如“大厅东侧综合屏”。',
  'window-screen': '名称填窗口号（如 5），配对后直接显示该窗口；填别的名称则在设备上选择窗口。',
  'display-agent': '运行 LED 显示代理的电脑，如“一楼 LED 控制机”。',
  'print-agent': '名称填它所打印的取号机编号（如 k1）。',
  evaluator: '名称填它面对的窗口号（如 5）：配对后直接显示该窗口的好差评页面，只能评价在该窗口办结的服务。',
  integration: '拉取本大厅好差评数据的系统，如“省好差评平台”；令牌只能读取评价导出。',
};

/** A person ("user:c05") or a device ("device:ab12…") as the hall calls them. */
export function actorName(by, devices) {
  if (!by) return '';
  if (by.startsWith('user:')) return by.slice(5);
  if (by.startsWith('device:')) {
    const d = devices.find(x => x.id === by.slice(7));
    return d ? `${kindZh(d.kind)} ${d.name}` : `设备 ${by.slice(7)}`;
  }
  return { resident: '群众', system: '系统' }[by] ?? by;
}

/** `zone()` is the hall's time zone; `status` the view's status line. */
export function devicesView({ base, zone, status }) {
  let devices = [];
  let target = null; // the device the revoke dialog is about

  $('pair-kind').innerHTML = String(html`${DEVICE_KINDS.map(([k, zh]) => html`<option value="${k}">${zh}</option>`)}`);
  const hint = () => { $('pair-hint').textContent = NAME_HINTS[$('pair-kind').value] ?? ''; };
  $('pair-kind').addEventListener('change', hint);
  hint();

  // The silo answers a device never heard from with no time (or the zero date); both read as 从未.
  const when = t => t && Date.parse(t) > Date.UTC(2000, 0, 1) ? dateTimeOf(new Date(t), zone()) : '从未';

  function render() {
    $('devices').innerHTML = devices.length ? String(html`${devices.map(d => html`<tr data-device="${d.id}">
      <td>${kindZh(d.kind)}</td><th scope="row">${d.name}</th>
      <td>${when(d.pairedAt)}</td><td>${actorName(d.pairedBy, devices)}</td><td>${when(d.lastSeenAt)}</td><td>${d.place ?? '—'}</td>
      <td><button type="button" class="secondary" data-revoke="${d.id}" aria-label="撤销 ${kindZh(d.kind)} ${d.name}">撤销</button></td>
    </tr>`)}`) : '<tr><td colspan="7" class="note">尚未配对任何设备</td></tr>';
  }

  async function load() {
    try {
      devices = (await api(`${base}/manage/devices`)).body ?? [];
      render();
    } catch (e) { status.error(`设备列表读取失败：${e.zh}`); }
  }

  $('pair-form').addEventListener('submit', async e => {
    e.preventDefault();
    const kind = $('pair-kind').value, name = $('pair-name').value.trim(), place = $('pair-place').value.trim() || undefined;
    if (!name) return;
    try {
      // No retry: a lost answer would pair twice; the manager sees the device in the list and can revoke it.
      const { body } = await api(`${base}/manage/devices`, { method: 'POST', body: { kind, name, place } });
      $('paired-title').textContent = `${kindZh(kind)} ${name} 的配对链接`;
      $('paired-link').href = body.pairUrl;
      $('paired-link').textContent = body.pairUrl;
      $('paired-qr').setAttribute('value', body.pairUrl);
      $('paired-token').value = body.token;
      $('paired').hidden = false;
      $('pair-form').reset(); hint();
      status.ok(`已为${kindZh(kind)} ${name} 生成配对链接`, 15000);
      await load();
    } catch (err) { status.error(`未完成：${err.zh}`, 20000); }
  });

  // The link is the device's key: once it is used (or written down), take it off the screen.
  $('paired-done').addEventListener('click', () => {
    $('paired').hidden = true;
    $('paired-link').removeAttribute('href'); $('paired-link').textContent = '';
    $('paired-qr').removeAttribute('value'); $('paired-qr').innerHTML = '';
    $('paired-token').value = '';
  });

  $('devices').addEventListener('click', e => {
    const b = e.target.closest('[data-revoke]');
    if (!b) return;
    target = devices.find(d => d.id === b.dataset.revoke);
    $('revoke-text').textContent = `撤销${kindZh(target.kind)} ${target.name}？撤销后它立即无法使用（已连接的也会断开），要再用需重新配对。`;
    $('revoke-dialog').showModal();
  });

  $('revoke-dialog').addEventListener('close', async () => {
    if ($('revoke-dialog').returnValue !== 'ok' || !target) return;
    const d = target;
    try {
      await api(`${base}/manage/devices/${encodeURIComponent(d.id)}`, { method: 'DELETE' });
      status.ok(`已撤销${kindZh(d.kind)} ${d.name}`, 15000);
    } catch (err) { if (err.status !== 404) return status.error(`未完成：${err.zh}`, 20000); }
    await load();
  });

  return { load, devices: () => devices };
}
