// html`…`: a tagged template that escapes every interpolated value.
// Nested html`…` results and arrays of them pass through unescaped (they were escaped when built).
// Usage: el.innerHTML = html`<b>${ticket.number}</b>`;

class SafeHtml {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, ch => ENTITIES[ch]);
}

function encode(value) {
  if (value == null || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(encode).join('');
  return escapeHtml(value);
}

export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => { out += encode(v) + strings[i + 1]; });
  return new SafeHtml(out);
}

/** Marks text as already safe HTML; only for constants written in our own code. */
export const raw = text => new SafeHtml(text);
