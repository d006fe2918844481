// <hall-clock time-zone="Asia/Shanghai" date>: the hall's local time, from the shared ticker.
import { everySecond, timeOf, dateOf } from '../../lib/format.js';

class HallClock extends HTMLElement {
  #stop = null;
  connectedCallback() {
    this.setAttribute('role', 'timer');
    this.setAttribute('aria-label', '当前时间');
    this.#stop = everySecond(now => {
      const tz = this.getAttribute('time-zone') || undefined;
      const date = this.hasAttribute('date') ? `<span class="clock-date">${dateOf(now, tz)}</span> ` : '';
      this.innerHTML = `${date}<span class="clock-time">${timeOf(now, tz)}</span>`;
    });
  }
  disconnectedCallback() { this.#stop?.(); }
}
export const registerHallClock = () => customElements.get('hall-clock') || customElements.define('hall-clock', HallClock);
