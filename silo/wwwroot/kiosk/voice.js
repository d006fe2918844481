// 长辈模式 speaks each screen's prompt from a clip the silo serves at /voice/{name} (made at build time from
// silo/voice/kiosk-prompts.txt, or a hall's own recording of the same name). Only names GET /voice lists are asked
// for; without them the kiosk stays silent and the screen says it all.
let names = null; // Promise<Set<string>>
let playing = null;

function available() {
  names ??= fetch('/voice', { cache: 'no-store' }).then(r => r.ok ? r.json() : Promise.reject(new Error(`/voice ${r.status}`)))
    .then(list => new Set(list))
    .catch(() => { names = null; return new Set(); }); // asked again next time: the silo may have been offline
  return names;
}

/** Says the prompt `name` (kiosk-{name}) now, cutting off the one before: the resident has moved on. */
export async function speak(name) {
  hush();
  const clip = `kiosk-${name}`;
  if (!(await available()).has(clip)) return;
  const audio = new Audio(`/voice/${clip}`);
  playing = audio;
  // A browser may refuse sound before the first touch; the screen still says it all.
  audio.play().catch(() => {});
}

export function hush() { playing?.pause(); playing = null; }
