# Sourced by tests/run.sh: a throwaway redis-server on a free loopback port for the cluster tests
# (Orleans membership and the hub backplane), exported as QUEUE_TEST_REDIS; redis_stop ends it.
# Nothing is saved: the tests only need Redis while they run.
if ! command -v redis-server >/dev/null; then
  echo "installing: redis-server"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null || { echo "apt-get install redis-server failed"; exit 1; }
fi

redis_pid=""
# A random port may be taken meanwhile: a server that cannot bind exits, and the next port is tried.
for _ in $(seq 20); do
  redis_port=$((20000 + RANDOM % 40000))
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
  redis_pid=$!
  for _ in $(seq 50); do
    kill -0 "$redis_pid" 2>/dev/null || break
    redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break 2
    sleep 0.1
  done
  kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null
  redis_pid=""
done
[ -n "$redis_pid" ] || { echo "redis-server did not start on any port"; exit 1; }
export QUEUE_TEST_REDIS="127.0.0.1:$redis_port"
echo "redis-server on $QUEUE_TEST_REDIS"
redis_stop() { [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; }
