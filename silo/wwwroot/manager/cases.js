// 差评整改 (the dashboard's bad-rating cases): every case not yet closed, from GET …/manage/rating-cases, with its
// deadlines (contactDue: 联系核实 within 1 working day; rectifyDue: 整改反馈 within 15; each the last day on time, in
// the hall's calendar) and what is overdue. One button takes the case's next step (POST …/{id}/contact|rectify|close),
// after the manager writes what was done; the silo records who did it from the sign-in.
import { html } from '/shared/lib/html.js';
import { api } from '/shared/lib/api.js';
import { dateTimeOf } from '/shared/lib/format.js';

const $ = id => document.getElementById(id);

const STATUS_ZH = { open: '待联系', contacted: '已联系核实', rectified: '已整改', closed: '已办结' };
/** The next step from each status: its route and its words. */
const NEXT = {
  open: { step: 'contact', zh: '登记联系核实', hint: '如：已电话联系群众，核实情况属实' },
  contacted: { step: 'rectify', zh: '登记整改', hint: '如：已对窗口人员批评教育，调整了排班' },
  rectified: { step: 'close', zh: '办结', hint: '如：已向群众反馈整改结果，群众表示认可' },
};
const REFRESH_MS = 60_000;

/** "2026-11-24" as 11月24日. */
const day = iso => { const [, m, d] = iso.split('-'); return `${Number(m)}月${Number(d)}日`; };

/** `zone()` is the hall's time zone, `status` the section's status line. */
export function casesView({ base, zone, status }) {
  let cases = [];
  let acting = null;

  function render() {
    $('cases-count').textContent = cases.length ? `（${cases.length} 件未办结）` : '';
    $('cases').innerHTML = cases.length ? String(html`${cases.map(c => {
      const late = new Set(c.overdue);
      const next = NEXT[c.status];
      return html`<tr class="${late.size ? 'late' : ''}">
        <td><b>${c.number}</b><br><small class="note">${c.windowNo} 号窗口${c.clerkId ? ` · 工号 ${c.clerkId}` : ''}</small></td>
        <td><span class="grade">${c.gradeName}</span> ${c.tags.join('、')}${c.comment ? html`<br><small class="note">“${c.comment}”</small>` : ''}
          <br><small class="note">${c.categoryName}${c.matterNames.length ? ` · ${c.matterNames.join('、')}` : ''} · ${dateTimeOf(new Date(c.ratedAt), zone())}</small></td>
        <td>${STATUS_ZH[c.status] ?? c.status}${c.followUp ? html`<br><small class="note">追评：${c.followUp.gradeName}</small>` : ''}</td>
        <td class="${late.has('contact') ? 'over' : ''}">${day(c.contactDue)}${late.has('contact') ? ' 已超期' : ''}</td>
        <td class="${late.has('rectify') ? 'over' : ''}">${day(c.rectifyDue)}${late.has('rectify') ? ' 已超期' : ''}</td>
        <td>${next ? html`<button type="button" data-case="${c.id}" aria-label="${c.number} ${next.zh}">${next.zh}</button>` : ''}</td>
      </tr>`;
    })}`) : '<tr><td colspan="6" class="note">没有未办结的差评</td></tr>';
  }

  async function load() {
    try {
      cases = (await api(`${base}/manage/rating-cases?status=open`)).body ?? [];
      render();
    } catch (e) {
      status.error(`差评工单读取失败：${e.zh}`);
    }
  }

  $('cases').addEventListener('click', e => {
    const id = e.target.closest('button[data-case]')?.dataset.case;
    acting = cases.find(c => c.id === id);
    if (!acting) return;
    const next = NEXT[acting.status];
    $('case-dialog-title').textContent = `${acting.number} · ${next.zh}`;
    $('case-note').value = '';
    $('case-note').placeholder = next.hint;
    $('case-dialog').returnValue = '';   // Esc keeps the last one: not a save
    $('case-dialog').showModal();
  });

  $('case-dialog').addEventListener('close', async () => {
    const dialog = $('case-dialog');
    if (dialog.returnValue !== 'save' || !acting) return;
    const { id, number, status: was } = acting;
    const next = NEXT[was];
    try {
      await api(`${base}/manage/rating-cases/${encodeURIComponent(id)}/${next.step}`, { method: 'POST', body: { note: $('case-note').value } });
      status.ok(`${number} 已${next.zh.replace(/^登记/, '')}`, 8000);
    } catch (e) {
      status.error(`${number} 未能${next.zh}：${e.zh}`);
    }
    acting = null;
    await load();
  });

  setInterval(() => { if (!$('view-overview').hidden) load(); }, REFRESH_MS);
  return { load };
}
