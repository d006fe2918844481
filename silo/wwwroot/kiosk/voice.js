// 长辈模式 speaks each screen's prompt from a clip, /voice/kiosk-<name>.wav (built from silo/voice/kiosk-prompts.txt,
// or a hall's own recording of the same name). A clip that is not there is skipped in silence, asked once.
const known = new Map(); // name → Promise<boolean>: is the clip there
let playing = null;

function exists(url) {
  if (!known.has(url)) known.set(url, fetch(url, { method: 'HEAD', cache: 'no-store' }).then(r => r.ok, () => false));
  return known.get(url);
}

/** Says the prompt `name` now, cutting off the one before (the resident has moved on). */
export async function speak(name) {
  const url = `/voice/kiosk-${name}.wav`;
  playing?.pause();
  playing = null;
  if (!(await exists(url))) return;
  const audio = new Audio(url);
  playing = audio;
  // A browser may refuse sound before the first touch; the screen still says it all.
  audio.play().catch(() => {});
}

export function hush() { playing?.pause(); playing = null; }
