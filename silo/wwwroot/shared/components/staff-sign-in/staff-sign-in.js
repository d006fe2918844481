// <staff-sign-in heading="窗口叫号">: the sign-in form of the staff pages, as a modal dialog over the page, so
// a session that ends mid-work is resumed in place. open(note?, userName?) shows it; on success it closes and
// fires 'signed-in' (detail: { userName, role, halls }). Refusals (wrong password with tries left, account locked
// for so many minutes) are the silo's Chinese titles. The markup exists only while open: no password lingers.
import { html } from '../../lib/html.js';
import { api } from '../../lib/api.js';
import { registerStatusLine } from '../status-line/status-line.js';

registerStatusLine();

class StaffSignIn extends HTMLElement {
  #dialog = null;

  open(note = '', userName = '') {
    if (!this.#dialog) this.#render(userName);
    this.#dialog.querySelector('.sign-in-note').textContent = note;
    if (!this.#dialog.open) this.#dialog.showModal();
    const name = this.#dialog.querySelector('[name=userName]');
    (name.value ? this.#dialog.querySelector('[name=password]') : name).focus();
  }

  get isOpen() { return !!this.#dialog?.open; }

  #render(userName) {
    this.innerHTML = String(html`<dialog class="sign-in-dialog" aria-labelledby="sign-in-title">
      <form class="sign-in-form" novalidate>
        <h2 id="sign-in-title">${this.getAttribute('heading') ?? ''} · 工作人员登录</h2>
        <p class="sign-in-note" role="status"></p>
        <label for="sign-in-user">用户名/工号</label>
        <input id="sign-in-user" name="userName" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="32" value="${userName}">
        <label for="sign-in-password">密码</label>
        <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required maxlength="128">
        <button type="submit" class="sign-in-submit">登录</button>
        <status-line></status-line>
      </form>
    </dialog>`);
    this.#dialog = this.querySelector('dialog');
    // Esc must not uncover a page nobody is signed in to.
    this.#dialog.addEventListener('cancel', e => e.preventDefault());
    this.querySelector('form').addEventListener('submit', e => { e.preventDefault(); this.#submit(); });
  }

  async #submit() {
    const form = this.querySelector('form'), line = this.querySelector('status-line'), button = form.querySelector('button');
    const userName = form.userName.value.trim(), password = form.password.value;
    if (!userName || !password) return line.error(userName ? '请输入密码' : '请输入用户名/工号');
    button.disabled = true;
    try {
      const { body: me } = await api('/api/auth/sign-in', { method: 'POST', body: { userName, password } });
      this.#dialog.close();
      this.innerHTML = '';
      this.#dialog = null;
      this.dispatchEvent(new CustomEvent('signed-in', { detail: me }));
    } catch (err) {
      line.error(err.zh);
      form.password.value = '';
      form.password.focus();
    } finally {
      button.disabled = false;
    }
  }
}
export const registerStaffSignIn = () => customElements.get('staff-sign-in') || customElements.define('staff-sign-in', StaffSignIn);
