// The link a ticket's QR code carries. Phones reach the silo at Printing:PublicUrl (the silo writes it into the
// kiosk's page); without it, the kiosk's own address, unless that is this machine itself (localhost), which no
// phone can open: then there is no QR code at all rather than one that leads nowhere.
const publicUrl = document.querySelector('meta[name="public-url"]')?.content ?? '';

const isLoopback = host => host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);

/** The absolute address of a ticket's phone page, or null when no phone could open it. */
export function phoneLink(statusUrl) {
  if (publicUrl) return publicUrl + statusUrl;
  return isLoopback(location.hostname) ? null : new URL(statusUrl, location.origin).href;
}
