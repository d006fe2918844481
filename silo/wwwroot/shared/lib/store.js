// A hall's live state, kept from the hub: HallState replaces it, the smaller messages patch it.
// Pages listen for 'change' and re-render what they show.

export class HallStore extends EventTarget {
  state = null;

  apply(target, msg) {
    const s = this.state;
    if (target === 'HallState') this.state = msg;
    else if (!s) return;
    else if (target === 'WindowChanged') this.#setWindow(msg.window);
    else if (target === 'QueueChanged') {
      for (const c of msg.categories ?? []) {
        const cat = s.categories.find(x => x.code === c.code);
        if (cat) Object.assign(cat, c);
      }
      if (msg.waitingTotal != null) s.waitingTotal = msg.waitingTotal;
    } else if (target === 'TicketCalled') {
      // A call is one frame: it carries its window (the silo sends no WindowChanged for it), kept in the windows only.
      const { window: called, ...call } = msg;
      if (called) this.#setWindow(called);
      s.recentCalls = [call, ...(s.recentCalls ?? [])].slice(0, 10);
    } else if (target === 'NoticePosted') {
      s.notice = msg.text;
    }
    if (this.state) this.dispatchEvent(new CustomEvent('change', { detail: { target, msg } }));
  }

  /** Hub handlers that feed this store, plus any extra per-target callbacks. */
  handlers(extra = {}) {
    const targets = ['HallState', 'WindowChanged', 'QueueChanged', 'TicketCalled', 'NoticePosted'];
    const h = {};
    for (const t of targets) h[t] = msg => { this.apply(t, msg); extra[t]?.(msg); };
    for (const [t, fn] of Object.entries(extra)) if (!h[t]) h[t] = fn;
    return h;
  }

  #setWindow(w) {
    const i = this.state.windows.findIndex(x => x.no === w.no);
    if (i >= 0) this.state.windows[i] = w; else this.state.windows.push(w);
  }

  window(no) { return this.state?.windows.find(w => w.no === no); }
  category(code) { return this.state?.categories.find(c => c.code === code); }
}
