// <rating-form>: 好差评 as the window evaluator and the phone ask for it. The five national grades as big buttons, then
// the tags the hall offers for the chosen grade (GET …/rating-scheme), an optional comment and 提交评价. Set `scheme`
// (a RatingSchemeView) to show it; `reset()` clears the choice; `busy` holds the submit while a post is on its way.
// Submitting fires 'rate' (detail: { grade, tags, comment }): the page posts it, with or without a device token.
import { html } from '../../lib/html.js';

class RatingForm extends HTMLElement {
  #scheme = null;
  #grade = null;

  set scheme(scheme) { this.#scheme = scheme; this.reset(); }
  get scheme() { return this.#scheme; }

  reset() {
    this.#grade = null;
    this.#render();
  }

  set busy(on) { const b = this.querySelector('.rate-submit'); if (b) b.disabled = on; }

  constructor() {
    super();
    this.addEventListener('click', e => {
      const grade = e.target.closest('[data-grade]'), tag = e.target.closest('[data-tag]');
      if (grade) this.#choose(Number(grade.dataset.grade));
      if (tag) tag.setAttribute('aria-pressed', String(tag.getAttribute('aria-pressed') !== 'true'));
    });
    this.addEventListener('submit', e => {
      e.preventDefault();
      if (this.#grade === null) return;
      const tags = [...this.querySelectorAll('[data-tag][aria-pressed=true]')].map(t => t.dataset.tag);
      const comment = this.querySelector('.rate-comment').value.trim();
      this.dispatchEvent(new CustomEvent('rate', { bubbles: true, detail: { grade: this.#grade, tags, comment: comment || null } }));
    });
  }

  #choose(grade) {
    // A comment already typed survives a change of mind about the grade; the tags are the new grade's own.
    const comment = this.querySelector('.rate-comment')?.value ?? '';
    this.#grade = grade;
    this.#render();
    this.querySelector('.rate-comment').value = comment;
    this.querySelector(`[data-grade="${grade}"]`).focus();
  }

  #render() {
    const s = this.#scheme;
    if (!s) { this.innerHTML = ''; return; }
    const chosen = s.grades.find(g => g.grade === this.#grade);
    this.classList.toggle('chosen', !!chosen);
    this.innerHTML = String(html`<form class="rate" novalidate>
      <div class="rate-grades" role="group" aria-label="评价等级">
        ${s.grades.map(g => html`<button type="button" class="rate-grade g${g.grade}${g.bad ? ' bad' : ''}" data-grade="${g.grade}"
          aria-pressed="${String(g.grade === this.#grade)}">${g.name}</button>`)}
      </div>
      ${chosen ? html`
        ${chosen.tags.length ? html`<div class="rate-tags" role="group" aria-label="${chosen.bad ? '哪里不满意？（可多选）' : '您的感受（可多选）'}">
          ${chosen.tags.map(t => html`<button type="button" class="rate-tag" data-tag="${t.text}" aria-pressed="false">${t.text}</button>`)}
        </div>` : ''}
        <div class="rate-more">
          <label for="rate-comment">其他意见（可不填）</label>
          <input id="rate-comment" class="rate-comment" maxlength="${s.maxCommentLength}" autocomplete="off">
          <button type="submit" class="rate-submit">提交评价</button>
        </div>` : ''}
    </form>`);
  }
}

export const registerRatingForm = () => customElements.get('rating-form') || customElements.define('rating-form', RatingForm);
