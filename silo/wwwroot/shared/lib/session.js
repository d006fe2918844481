// A staff page's sign-in (窗口叫号, 大厅管理): who is signed in, the gate when nobody is, and
// getting back in when a session ends mid-work without losing what is on the page.
import { api, sleep } from './api.js';

export const ROLE_ZH = { admin: '系统管理员', manager: '大厅管理员', clerk: '窗口工作人员' };

/** The signed-in person ({ userName, role, halls }), or null when nobody is. Offline: retried until the silo answers. */
async function whoAmI() {
  for (let n = 0; ; n++) {
    try { return (await api('/api/auth/me')).body; } catch (e) {
      if (e.status === 401 || e.status === 403) return null;
      await sleep(Math.min(1000 * 2 ** n, 10000));
    }
  }
}

/** Whether `me` may work in this hall in one of `roles` (admins in every hall). */
export const mayWork = (me, hallId, roles) => me.role === 'admin' || (roles.includes(me.role) && me.halls.includes(hallId));

/**
 * Keeps a page signed in through `gate` (a <staff-sign-in>): shows it when nobody is signed in, now or at any
 * later 401, and calls onSignedIn(me, { again }) each time someone signs in; `again` is true when a session ended
 * and was resumed in place (the page is still there behind the gate). Returns signOut().
 */
export function staffSession(gate, onSignedIn) {
  let me = null;
  gate.addEventListener('signed-in', e => {
    const again = !!me;
    me = e.detail;
    onSignedIn(me, { again });
  });
  // Only a session that was: a page that never signed in already shows the gate.
  addEventListener('sign-in-required', () => { if (me) gate.open('登录已失效（已在别处退出、账号被停用或超时），请重新登录', me.userName); });
  whoAmI().then(m => { if (m) gate.dispatchEvent(new CustomEvent('signed-in', { detail: m })); else gate.open(); });
  return async function signOut() {
    try { await api('/api/auth/sign-out', { method: 'POST', retries: 1 }); } catch { /* the gate opens either way */ }
    me = null;
    gate.open('已退出登录');
  };
}
