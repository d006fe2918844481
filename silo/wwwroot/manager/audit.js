// 操作记录 (the dashboard's audit view): who did what in the hall, from GET …/manage/audit?from=&to=&who=, which
// answers [{ seq, at, kind, by, why, ticketNumber, windowNo, summary }]. `by` is "user:{工号}" or "device:{id}".
import { html } from '/shared/lib/html.js';
import { api } from '/shared/lib/api.js';
import { dateTimeOf } from '/shared/lib/format.js';
import { actorName } from './devices.js';

const $ = id => document.getElementById(id);

// Event kinds (silo/Hall/Events) in the hall's words; matched loosely, so "TicketCalled" and "ticket-called" alike.
const KIND_ZH = {
  ticketissued: '取号', ticketcalled: '叫号', ticketrecalled: '重呼', ticketservicestarted: '开始办理', ticketcompleted: '办结',
  ticketmarkednoshow: '过号', ticketparked: '挂起', ticketresumed: '恢复挂起', tickettransferred: '转移', ticketcancelled: '取消号票',
  ticketreinstated: '过号恢复', ticketarrived: '线上取号签到', ticketprioritychanged: '调整优先级', windowopened: '开放窗口', windowclosed: '关闭窗口',
  windowpaused: '暂停服务', windowresumed: '恢复服务', windowcategorieschanged: '窗口业务设置', noticeposted: '发布公告',
  appointmentbooked: '预约', daystarted: '新的一天', devicepaired: '配对设备', devicerevoked: '撤销设备',
};
const kindZh = kind => KIND_ZH[String(kind ?? '').replace(/[^a-z]/gi, '').toLowerCase()] ?? kind;

/** A datetime-local value (the browser's time) as an instant the silo reads (ISO 8601, UTC). */
const instant = value => (value ? new Date(value).toISOString() : '');

/** The start of today as a datetime-local value. */
function todayStart() {
  const d = new Date(); d.setHours(0, 0, 0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

/** `zone()` is the hall's time zone, `devices()` the paired devices (to name them), `status` the view's status line. */
export function auditView({ base, zone, devices, status }) {
  $('audit-from').value = todayStart();

  /** What the manager typed as 操作人: a 工号, a device's name, or an id as the records give it (user:…, device:…). */
  function who(text) {
    const t = text.trim();
    if (!t || t.includes(':')) return t;
    const d = devices().find(x => x.name === t);
    return d ? `device:${d.id}` : `user:${t}`;
  }

  async function load() {
    const query = new URLSearchParams();
    for (const [name, value] of [['from', instant($('audit-from').value)], ['to', instant($('audit-to').value)], ['who', who($('audit-who').value)]])
      if (value) query.set(name, value);
    const tbody = $('audit');
    try {
      const rows = [...((await api(`${base}/manage/audit?${query}`)).body ?? [])].sort((a, b) => b.seq - a.seq);
      tbody.innerHTML = rows.length ? String(html`${rows.map(r => html`<tr>
        <td class="num">${dateTimeOf(new Date(r.at), zone())}</td><td>${kindZh(r.kind)}</td><td>${actorName(r.by, devices())}</td>
        <td>${r.ticketNumber ?? ''}</td><td class="num">${r.windowNo ?? ''}</td>
        <td>${r.summary ?? ''}${r.why ? html` <small class="note">原因：${r.why}</small>` : ''}</td></tr>`)}`)
        : '<tr><td colspan="6" class="note">这段时间没有操作记录</td></tr>';
      status.ok(`共 ${rows.length} 条记录`, 8000);
    } catch (e) {
      tbody.innerHTML = '';
      // A silo from before the audit answers 404: say what is missing rather than "not found".
      status.error(e.status === 404 && e.code === 'not-found' ? '本服务器尚不支持操作记录查询（需要更新大厅服务器）' : `查询失败：${e.zh}`);
    }
  }

  $('audit-form').addEventListener('submit', e => { e.preventDefault(); load(); });
  return { load };
}
