// The device a manager paired this browser as (the page /pair/{hallId} keeps it): its token, id,
// kind and name, one per hall, in localStorage so it survives reboots of a kiosk or a TV box.

const key = hallId => `queue:device:${hallId}`;

/** { token, id, kind, name } or null when this browser is not paired in the hall. */
export function pairedDevice(hallId) {
  try { return JSON.parse(localStorage.getItem(key(hallId)) ?? 'null'); } catch { return null; }
}

export const rememberDevice = (hallId, device) => localStorage.setItem(key(hallId), JSON.stringify(device));

/** A revoked token is no use; forgetting it keeps the not-paired screen up after a reload. */
export const forgetDevice = hallId => localStorage.removeItem(key(hallId));

/** The kinds a hall pairs (silo/Access/Roles.cs, DeviceKinds), as the hall names them. */
export const DEVICE_KINDS = [
  ['kiosk', '取号机'], ['tv', '综合屏'], ['window-screen', '窗口屏'],
  ['display-agent', 'LED 显示代理'], ['print-agent', '打印代理'], ['evaluator', '评价器'],
  ['integration', '数据对接'],
];
export const kindZh = kind => DEVICE_KINDS.find(k => k[0] === kind)?.[1] ?? kind;
