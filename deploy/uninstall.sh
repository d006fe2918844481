#!/usr/bin/env bash
# Removes the service and the application; the hall data, settings, halls and the service user stay unless --purge:
#   sudo bash deploy/uninstall.sh [--purge]
# The same QUEUE_* names as install.sh.
set -euo pipefail
source "$(dirname "$0")/names.sh"
purge=false
case "${1:-}" in
  --purge) purge=true ;;
  "") ;;
  *) echo "usage: uninstall.sh [--purge]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "uninstall.sh: run as root (sudo)" >&2; exit 1; }

systemd=false
if [ -d /run/systemd/system ]; then
  case "$units" in /etc/systemd/system|/run/systemd/system) systemd=true ;; esac
fi
if $systemd; then systemctl disable --now "$service" >/dev/null 2>&1 || true; fi
rm -f "$units/$service.service"
if $systemd; then systemctl daemon-reload; fi
rm -rf "$app" "$app.new" "$app.old"
if $purge; then
  rm -rf "$data" "$etc"
  id -u "$user" >/dev/null 2>&1 && userdel "$user"
  echo "已删除服务、程序、数据与设置 / removed the service, the application, the hall data and the settings"
else
  echo "已删除服务与程序；数据 $data 与设置 $etc 保留 / removed the service and the application; kept $data and $etc (--purge removes them)"
fi
