// <status-line>: one line saying what the last action did (or why it was refused).
// Usage: el.ok('已叫号 A012') / el.error('5 号窗口未开放'). Polite for success, assertive for errors.
class StatusLine extends HTMLElement {
  #clear = 0;
  connectedCallback() {
    this.setAttribute('role', 'status');
    this.setAttribute('aria-live', 'polite');
  }
  ok(text, ms = 8000) { this.#show(text, 'ok', ms); }
  error(text, ms = 0) { this.#show(text, 'error', ms); }
  clear() { this.#show('', '', 0); }
  #show(text, kind, ms) {
    clearTimeout(this.#clear);
    this.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
    this.dataset.kind = kind;
    this.textContent = text;
    if (ms) this.#clear = setTimeout(() => this.clear(), ms);
  }
}
export const registerStatusLine = () => customElements.get('status-line') || customElements.define('status-line', StatusLine);
