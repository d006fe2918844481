// The kiosk's check-in QR (/arrive/{hallId}?code=…): the number this phone took from home (线上取号) checks in with the
// door's code, then its own page takes over. Without a record on this phone it says how else to check in.
import { html } from '/shared/lib/html.js';
import { api, pathArgs, hallPath } from '/shared/lib/api.js';
import { remembered } from '/phone/remote.js';

const [hallId] = pathArgs();
const code = new URLSearchParams(location.search).get('code') ?? '';
const box = document.getElementById('arrive');
const say = (title, text) => { box.innerHTML = String(html`<section class="card"><p class="state">${title}</p><p class="what">${text}</p></section>`); };

const ticketId = remembered(hallId);
if (!ticketId) {
  say('本手机没有线上取号记录', '请用取号时的手机和浏览器扫码，或在取号机点“预约签到”，输入排队页面上的签到码。');
} else {
  try {
    const { body } = await api(`${hallPath(hallId)}/tickets/${encodeURIComponent(ticketId)}/arrive`, { method: 'POST', body: { doorCode: code }, retries: 2 });
    location.replace(body.statusUrl);
  } catch (e) {
    say('未能签到', e.zh);
  }
}
