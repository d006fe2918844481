// <conn-status state="online|offline|connecting">: says plainly when the page lost the silo.
// role=status so a screen reader hears the change; hidden while online.
class ConnStatus extends HTMLElement {
  static observedAttributes = ['state'];
  connectedCallback() {
    this.setAttribute('role', 'status');
    this.#update();
  }
  attributeChangedCallback() { this.#update(); }
  set state(v) { this.setAttribute('state', v); }
  get state() { return this.getAttribute('state') ?? 'connecting'; }
  #update() {
    const s = this.state;
    this.hidden = s === 'online';
    this.textContent = s === 'offline' ? '网络中断，正在重新连接…' : s === 'connecting' ? '正在连接…' : '';
  }
}
export const registerConnStatus = () => customElements.get('conn-status') || customElements.define('conn-status', ConnStatus);
