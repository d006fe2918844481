// What a hall's categories are for a resident choosing where to start (the kiosk, the booking page).

/** A category only result windows serve (出件) is a later step of a route, never where a resident starts. */
export const isResultStep = (s, code) => {
  const serving = s.windows.filter(w => w.categories.includes(code));
  return serving.length > 0 && serving.every(w => w.kind === 'result');
};
export const firstSteps = s => s.categories.filter(c => !isResultStep(s, c.code));
