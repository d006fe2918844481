// Spoken prompts (the kiosk's 长辈模式, the evaluator's 请对本次服务作出评价) from clips the silo serves at /voice/{name}
// (made at build time from silo/voice/*-prompts.txt, or a hall's own recording of the same name). Only names GET /voice
// lists are asked for; without them the page stays silent and the screen says it all.
let names = null; // Promise<Set<string>>
let playing = null;

function available() {
  names ??= fetch('/voice', { cache: 'no-store' }).then(r => r.ok ? r.json() : Promise.reject(new Error(`/voice ${r.status}`)))
    .then(list => new Set(list))
    .catch(() => { names = null; return new Set(); }); // asked again next time: the silo may have been offline
  return names;
}

/** Says the clip now, cutting off the one before: the resident has moved on. */
export async function speak(clip) {
  hush();
  if (!(await available()).has(clip)) return;
  const audio = new Audio(`/voice/${clip}`);
  playing = audio;
  // A browser may refuse sound before the first touch; the screen still says it all.
  audio.play().catch(() => {});
}

export function hush() { playing?.pause(); playing = null; }
