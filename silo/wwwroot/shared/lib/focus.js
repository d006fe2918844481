// Re-rendering with innerHTML drops keyboard focus. keepFocus remembers the focused control by
// its data-* attributes (or id) and focuses its twin in the new markup, so live updates never
// throw a keyboard or screen-reader user back to the top of the page.
export function keepFocus(container, render) {
  const active = document.activeElement;
  let selector = null;
  if (active && active !== document.body && container.contains(active)) {
    if (active.id) selector = `#${CSS.escape(active.id)}`;
    else {
      const attrs = [...active.attributes].filter(a => a.name.startsWith('data-') || a.name === 'aria-label');
      const row = active.closest('[data-window]');
      selector = (row && row !== active ? `[data-window="${CSS.escape(row.dataset.window)}"] ` : '') +
        active.localName + attrs.map(a => `[${a.name}="${CSS.escape(a.value)}"]`).join('');
    }
  }
  render();
  if (selector && !container.contains(document.activeElement)) container.querySelector(selector)?.focus();
}
