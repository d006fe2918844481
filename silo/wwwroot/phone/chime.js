// 叫号提示音: a short two-tone chime made with WebAudio, so a phone without vibration (every iPhone) still makes
// itself heard. Browsers let a page sound only after a tap, so the page unlocks it on the resident's first tap.

let ctx = null;

/** Call from a tap (a user gesture): creates or resumes the audio context. True once sound can play. */
export function unlockSound() {
  const Ctx = globalThis.AudioContext ?? globalThis.webkitAudioContext;
  if (!Ctx) return false;
  ctx ??= new Ctx();
  if (ctx.state === 'suspended') ctx.resume();
  return true;
}

export const soundReady = () => ctx !== null;

/** Three rising ding-dongs over about two seconds; silent (no error) before the first tap. */
export function chime() {
  if (!ctx) return;
  const t0 = ctx.currentTime + 0.05;
  for (let i = 0; i < 3; i++) {
    tone(880, t0 + i * 0.7, 0.28);
    tone(1175, t0 + i * 0.7 + 0.3, 0.35);
  }
}

function tone(hz, at, seconds) {
  const osc = ctx.createOscillator(), gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = hz;
  // A quick attack and decay: no click at either end.
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.05);
}
