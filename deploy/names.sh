# The names install.sh and uninstall.sh share, each changeable for a test or a second instance (see install.sh).
service=${QUEUE_SERVICE:-queue}
user=${QUEUE_USER:-queue}
app=${QUEUE_APP:-/opt/queue}
data=${QUEUE_DATA:-/var/lib/queue}
etc=${QUEUE_ETC:-/etc/queue}
units=${QUEUE_UNITS:-/etc/systemd/system}
