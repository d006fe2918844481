// Taking a ticket: one Idempotency-Key per action with its retries, then following the print job.
import { newKey, hallPath } from '/shared/lib/api.js';

const PRINT_WAIT_MS = 20_000;

/**
 * Ticket taking for the page: `call` is api() as this kiosk (its token), `current()` the resident's ui state now,
 * `go` moves to the next screen. The silo knows the kiosk by its token, so the ticket prints on its own printer.
 */
export function ticketTaking({ hallId, call, main, status, current, go }) {
  let busy = false;

  /** One user action = one Idempotency-Key, kept for its retries (automatic or the 重试 button). */
  async function issue(body) {
    if (busy) return; // a double tap lands here while the first request is in flight
    busy = true; main.inert = true; main.setAttribute('aria-busy', 'true');
    const ui = current();
    const action = ui.action?.body === body ? ui.action : { key: newKey(), body };
    ui.action = action;
    status.ok('正在取号，请稍候…', 0);
    const payload = { ...body, ...(ui.green ? { priority: 'green', greenReason: ui.green } : {}) };
    let ticket, error;
    try {
      ({ body: ticket } = await call(`${hallPath(hallId)}/tickets`, { method: 'POST', body: payload, key: action.key, retries: 3 }));
    } catch (e) {
      error = e;
    } finally {
      busy = false; main.inert = false; main.removeAttribute('aria-busy');
      status.clear();
    }
    if (ticket) { go({ screen: 'ticket', ticket, action: null, print: printState(ticket.print) }); followPrint(ticket); }
    else if (error.status === 401) return; // revoked: the not-paired screen is up (index.js)
    else go({ screen: 'error', error: { text: error.isNetwork ? '网络连接中断，未能确认取号。请点“重试”（不会重复取号）。' : error.zh, retry: error.isNetwork } });
  }

  /**
   * What the printer did. The answer's
   * `print` ({ jobId, status: queued|sent|printed|failed|no-printer, message }) says how it goes, and
   * GET …/print-jobs/{jobId} follows a job still under way. No report means no paper is coming; the
   * resident is told so plainly, and the number stays on screen either way.
   */
  function printState(print) {
    if (!print) return { kind: 'failed', text: '本机不打印号票：请记下您的号码，或用手机扫码。' };
    if (print?.status === 'printed') return { kind: 'ok', text: '号票已打印，请取走。' };
    if (print?.status === 'queued' || print?.status === 'sent') return { kind: '', text: '正在打印号票…' };
    const why = print?.message ? `（${print.message}）` : '';
    return { kind: 'failed', text: `打印失败${why}：请记下您的号码，或用手机扫码查看，不影响叫号。` };
  }

  /** Polls a print job still under way, once a second, until it ends or 20 s pass. */
  async function followPrint(ticket) {
    const job = ticket.print?.jobId;
    if (!job || !['queued', 'sent'].includes(ticket.print.status)) return;
    for (const until = Date.now() + PRINT_WAIT_MS; Date.now() < until;) {
      await new Promise(r => setTimeout(r, 1000));
      if (current().ticket !== ticket) return; // the resident moved on
      try {
        const { body } = await call(`${hallPath(hallId)}/print-jobs/${encodeURIComponent(job)}`);
        if (!['queued', 'sent'].includes(body.status)) return showPrint(printState(body));
      } catch { /* keep trying until the deadline */ }
    }
    if (current().ticket === ticket) showPrint({ kind: 'failed', text: '打印机没有回应：请记下您的号码，或用手机扫码查看，不影响叫号。' });
  }

  function showPrint(state) {
    current().print = state;
    const el = main.querySelector('.print');
    if (el) { el.className = `print ${state.kind}`; el.textContent = state.text; }
  }

  return { issue, isBusy: () => busy };
}
