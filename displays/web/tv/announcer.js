// 语音叫号: each call is spoken twice, calls one after another, never overlapping.
// Voice, best first: the browser's own local Chinese voice (Web Speech); the silo's clip set joined in
// order (Android WebView and Linux Chromium have no Chinese voice); a generated chime. The visual flash
// is the page's job and happens whatever the sound does.
//
// Clips (see displays/web/README.md): GET /voice lists the names the silo has (made at build time by
// espeak-ng from silo/voice/*.txt, or recorded by the hall), GET /voice/{name} is one: 0–9, A–Z, qing 请,
// hao 号, dao 到, chuangkou 窗口, banli 办理, shi 十, bai 百, and optionally chime (played before each call
// instead of the generated one). Only listed names are fetched: a silo without clips costs no 404s.

const REPEAT = 2;
const GAP_S = 0.7;
const MAX_QUEUE = 20; // a burst of calls is announced in order; past this the oldest are dropped

/** Clip names for one call: 请 A 0 1 2 号 到 十 二 号 窗口 办理. */
export function clipNames(ticketNumber, windowNo) {
  const chars = [...String(ticketNumber).toUpperCase()].filter(c => /[0-9A-Z]/.test(c));
  return ['qing', ...chars, 'hao', 'dao', ...cardinal(windowNo), 'hao', 'chuangkou', 'banli'];
}

/** Window numbers are read as cardinals (十二号窗口); ticket numbers digit by digit. */
export function cardinal(n) {
  n = Math.floor(Number(n));
  if (!(n >= 0) || n >= 1000) return [...String(n)];
  const d = x => String(x);
  if (n < 10) return [d(n)];
  if (n < 20) return ['shi', ...(n % 10 ? [d(n % 10)] : [])];
  if (n < 100) return [d(Math.floor(n / 10)), 'shi', ...(n % 10 ? [d(n % 10)] : [])];
  const rest = n % 100;
  const tail = rest === 0 ? [] : rest < 10 ? ['0', d(rest)] : rest < 20 ? ['1', ...cardinal(rest)] : cardinal(rest);
  return [d(Math.floor(n / 100)), 'bai', ...tail];
}

export class Announcer extends EventTarget {
  /** Every call seen: { text, number, windowNo, via: speech|clips|chime|muted, state: queued|playing|done|skipped,
   *  plays (how often it was said), startedAt, endedAt }. */
  history = [];
  #queue = [];
  #running = false;
  #ctx = null;
  #clips = new Map();
  #names = null;

  constructor() {
    super();
    try { this.#ctx = new AudioContext(); } catch { this.#ctx = null; }
    this.#ctx?.resume().catch(() => {});
    // Voices load late in Chrome; asking once starts the load.
    globalThis.speechSynthesis?.getVoices();
  }

  /** True while the browser wants a click before it plays sound. */
  get locked() {
    return !!this.#ctx && this.#ctx.state !== 'running' && !navigator.userActivation?.hasBeenActive;
  }

  /** Call from a click: lets Web Audio and Web Speech make sound from now on. */
  async unlock() {
    await this.#ctx?.resume().catch(() => {});
    try { globalThis.speechSynthesis?.speak(Object.assign(new SpeechSynthesisUtterance(' '), { volume: 0 })); } catch { /* no speech */ }
    this.dispatchEvent(new Event('change'));
  }

  enqueue(call) {
    const item = { text: call.announcement || `请 ${call.ticketNumber} 号 到 ${call.windowNo} 号窗口 办理`,
                   number: call.ticketNumber, windowNo: call.windowNo, via: null, state: 'queued', plays: 0,
                   queuedAt: Date.now(), startedAt: null, endedAt: null };
    this.history.push(item);
    if (this.history.length > 200) this.history.shift();
    this.#queue.push(item);
    while (this.#queue.length > MAX_QUEUE) this.#queue.shift().state = 'skipped';
    this.#run();
    return item;
  }

  async #run() {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length) {
        const item = this.#queue.shift();
        item.state = 'playing'; item.startedAt = performance.now();
        try { await this.#play(item); } catch { /* one failed call must not stop the next */ }
        item.state = 'done'; item.endedAt = performance.now();
        this.dispatchEvent(new Event('change'));
      }
    } finally { this.#running = false; }
  }

  async #play(item) {
    if (this.locked) { item.via = 'muted'; return; } // nobody clicked yet: the screen still flashes
    await this.#ctx?.resume().catch(() => {});
    const voice = zhVoice();
    const clips = voice ? null : await this.#clipSet(clipNames(item.number, item.windowNo));
    await this.#chime();
    if (voice) {
      item.via = 'speech';
      for (let i = 0; i < REPEAT; i++) {
        if (!(await speak(item.text, voice))) { item.via = 'chime'; await this.#chime(); break; }
        item.plays++;
        await sleep(GAP_S * 1000);
      }
    } else if (clips) {
      item.via = 'clips';
      for (let i = 0; i < REPEAT; i++) { await this.#playBuffers(clips); item.plays++; await sleep(GAP_S * 1000); }
    } else {
      item.via = 'chime';
      item.plays = 1;
      await sleep(300);
      await this.#chime();
      item.plays = 2;
    }
  }

  /** All clips for a call, or null if any is missing (half a sentence is worse than a chime). */
  async #clipSet(names) {
    if (!this.#ctx) return null;
    const have = await this.#available();
    if (!names.every(n => have.has(n))) return null;
    const clips = await Promise.all(names.map(n => this.#clip(n)));
    return clips.every(Boolean) ? clips : null;
  }

  /** The clip names the silo lists; asked again after a failure (the silo may have been offline). */
  #available() {
    this.#names ??= fetch('/voice').then(r => r.ok ? r.json() : Promise.reject(new Error(`/voice ${r.status}`)))
      .then(list => new Set(list))
      .catch(() => { this.#names = null; return new Set(); });
    return this.#names;
  }

  /** One decoded clip, trimmed of the silence around it, or null. */
  #clip(name) {
    if (!this.#clips.has(name)) {
      const clip = fetch(`/voice/${encodeURIComponent(name)}`)
        .then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${name} ${r.status}`)))
        .then(bytes => this.#ctx.decodeAudioData(bytes)).then(trimmed)
        .catch(() => { this.#clips.delete(name); return null; });
      this.#clips.set(name, clip);
    }
    return this.#clips.get(name);
  }

  /** Plays clips back to back, gapless, and resolves when the last one ends. */
  #playBuffers(clips) {
    const ctx = this.#ctx;
    let t = ctx.currentTime + 0.05;
    for (const { buffer, offset, duration } of clips) {
      const src = ctx.createBufferSource();
      src.buffer = buffer; src.connect(ctx.destination); src.start(t, offset, duration);
      t += duration;
    }
    return sleep((t - ctx.currentTime) * 1000 + 50);
  }

  /** 叮咚: the hall's own chime clip if it has one, else two generated notes. */
  async #chime() {
    const ctx = this.#ctx;
    if (!ctx) return sleep(800);
    const own = (await this.#available()).has('chime') ? await this.#clip('chime') : null;
    if (own) return this.#playBuffers([own]);
    const t0 = ctx.currentTime + 0.05;
    [[659.25, 0], [523.25, 0.45]].forEach(([freq, at]) => {
      const osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.type = 'sine'; osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + at);
      gain.gain.exponentialRampToValueAtTime(0.5, t0 + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + at); osc.stop(t0 + at + 0.95);
    });
    return sleep(1450);
  }
}

/** The part of a clip between its first and last audible sample, with 30 ms either side: a synthesized or
 *  recorded clip's own silence would break the sentence into words. */
function trimmed(buffer) {
  const data = buffer.getChannelData(0), loud = 0.02, pad = 0.03;
  let first = 0, last = data.length - 1;
  while (first < last && Math.abs(data[first]) < loud) first++;
  while (last > first && Math.abs(data[last]) < loud) last--;
  const offset = Math.max(0, first / buffer.sampleRate - pad);
  const end = Math.min(buffer.duration, (last + 1) / buffer.sampleRate + pad);
  return { buffer, offset, duration: Math.max(0.01, end - offset) };
}

/** A local zh-CN voice, or null. Network voices are skipped: a hall's LAN reaches no speech service. */
function zhVoice() {
  const voices = globalThis.speechSynthesis?.getVoices() ?? [];
  const zh = voices.filter(v => v.localService && /^(zh|cmn)([-_](CN|Hans))?/i.test(v.lang) && !/(HK|TW|yue)/i.test(v.lang));
  return zh.find(v => /CN/i.test(v.lang)) ?? zh[0] ?? null;
}

/** Resolves true when spoken, false on error; a watchdog covers engines that never fire 'end'. */
function speak(text, voice) {
  return new Promise(resolve => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN'; u.voice = voice; u.rate = 0.9;
    const done = ok => { clearTimeout(dog); resolve(ok); };
    const dog = setTimeout(() => { speechSynthesis.cancel(); done(true); }, 4000 + text.length * 400);
    u.onend = () => done(true);
    u.onerror = () => done(false);
    speechSynthesis.speak(u);
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));
