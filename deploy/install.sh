#!/usr/bin/env bash
# Installs (or upgrades) 一窗通办 Queue on a hall's server as the systemd service "queue":
#   sudo bash deploy/install.sh [PUBLISH_DIR]
# PUBLISH_DIR is the output of `dotnet publish silo/Silo.csproj -c Release -r linux-x64` (or linux-arm64); by default the
# folder this script came in (a publish carries deploy/). What goes where:
#   /opt/queue                   the application, replaced whole by an upgrade (root's, read-only to the service)
#   /var/lib/queue               the hall data (SQLite log, cookie keys), mode 0700, the service user's alone; kept by upgrades
#   /etc/queue/appsettings.json  the settings (address and port, halls folder, store), written once, never overwritten
#   /etc/queue/halls             the halls' *.hall.json, the samples at first
# For a test or a second instance the names can be changed: QUEUE_SERVICE, QUEUE_USER, QUEUE_APP, QUEUE_DATA, QUEUE_ETC,
# QUEUE_UNITS (where the unit goes), and QUEUE_URLS (the first settings' address; default every address, port 5000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
publish=$(cd "${1:-$here/..}" && pwd)
source "$(dirname "$0")/names.sh"
urls=${QUEUE_URLS:-http://0.0.0.0:5000}

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }
for f in Queue.Silo Queue.Silo.dll wwwroot/kiosk/index.html displays/web/tv/index.html node_modules/@microsoft/signalr deploy/queue.service; do
  [ -e "$publish/$f" ] || { echo "install.sh: $publish is not a publish of the silo (no $f); run dotnet publish silo/Silo.csproj -c Release -r linux-x64 first" >&2; exit 1; }
done
# systemd starts the service when it runs here and the unit goes where it reads units (not a test's folder).
systemd=false
if [ -d /run/systemd/system ]; then
  case "$units" in /etc/systemd/system|/run/systemd/system) systemd=true ;; esac
fi

# The service user: no login, no home of its own beyond the data folder.
if ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$data" --no-create-home --shell /usr/sbin/nologin "$user"
fi
install -d -o "$user" -g "$user" -m 0700 "$data"
chown "$user:$user" "$data" && chmod 0700 "$data"

# Settings and halls: an installer's own, so an upgrade never touches them.
install -d -m 0755 "$etc"
if [ ! -e "$etc/appsettings.json" ]; then
  cat >"$etc/appsettings.json" <<JSON
{
  "Urls": "$urls",
  "Storage": { "Path": "$data/queue.db" },
  "Halls": { "Seeds": "$etc/halls", "IgnoreOpeningHours": false }
}
JSON
  chown "root:$user" "$etc/appsettings.json" && chmod 0640 "$etc/appsettings.json"   # may later hold a PostgreSQL password
fi
if [ ! -e "$etc/halls" ]; then
  install -d -m 0755 "$etc/halls"
  install -m 0644 "$publish"/seeds/*.hall.json "$publish/seeds/README.md" "$etc/halls/"
fi

# The application: copied whole beside the old one, then swapped, so a failed copy leaves the old one running.
$systemd && systemctl stop "$service" 2>/dev/null || true
rm -rf "$app.new"
cp -a "$publish/." "$app.new/"
chown -R root:root "$app.new" && chmod -R u+rwX,go+rX,go-w "$app.new"
# The settings reach the silo as its Production settings (it runs as Production), read after its own appsettings.json.
ln -sfn "$etc/appsettings.json" "$app.new/appsettings.Production.json"
rm -rf "$app.old"
[ -e "$app" ] && mv "$app" "$app.old"
mv "$app.new" "$app"
rm -rf "$app.old"

install -d -m 0755 "$units"
sed -e "s|@USER@|$user|g" -e "s|@APP@|$app|g" -e "s|@DATA@|$data|g" -e "s|@SERVICE@|$service|g" \
  "$app/deploy/queue.service" >"$units/$service.service"
chmod 0644 "$units/$service.service"

if $systemd; then
  systemctl daemon-reload
  systemctl enable "$service" >/dev/null 2>&1
  systemctl restart "$service"
  echo "已启动服务 $service / started $service: systemctl status $service, logs: journalctl -u $service"
else
  echo "systemd 未管理该服务，服务未启动 / systemd does not run here or does not read $units: $units/$service.service is installed, not started."
fi
echo "设置 / settings: $etc/appsettings.json (Urls = the hall network's address and port), halls: $etc/halls, data: $data"
echo "首次启动的管理员初始密码 / the first admin password, logged once: journalctl -u $service | grep 初始密码"
# PDF reports are printed by Debian's chromium with the CJK fonts; the HTML reports need neither.
if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/opentype/noto ]; then
  echo "提示：PDF 报表需要 chromium 和 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk）/ PDF reports need chromium and fonts-noto-cjk; without them format=pdf answers 503 and the HTML reports still work."
fi
