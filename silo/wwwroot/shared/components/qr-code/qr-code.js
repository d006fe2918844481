// <qr-code value="https://…" label="…">: an SVG QR code drawn in the browser by the qrcode
// package (served by the silo at /lib/qrcode.js, from npm).
import QRCode from '/lib/qrcode.js';

class QrCode extends HTMLElement {
  static observedAttributes = ['value'];
  attributeChangedCallback() { this.#update(); }
  connectedCallback() { this.#update(); }
  async #update() {
    const value = this.getAttribute('value');
    if (!value || !this.isConnected) return;
    this.setAttribute('role', 'img');
    this.setAttribute('aria-label', this.getAttribute('label') || '二维码');
    try {
      // The SVG string comes from the library and encodes only our URL; no user text is inserted.
      this.innerHTML = await QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    } catch {
      this.textContent = '二维码生成失败';
    }
  }
}
export const registerQrCode = () => customElements.get('qr-code') || customElements.define('qr-code', QrCode);
