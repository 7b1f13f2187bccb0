#!/usr/bin/env bash
# Load test (docs/deploy.md, "Load test"): loadtest/run.sh [mixed|burst]
#
# Copies the seeded province database to a scratch one, prepares load accounts, starts gunicorn
# with the production settings (PostgreSQL, Redis, whitenoise, throw-away secrets) behind nginx
# with the production proxy rules (deploy/nginx/), runs locust headless for a bounded time,
# prints requests/s and p50/p95/p99 per journey, stops nginx and gunicorn.
# Exits non-zero when any request failed. Everything below can be changed from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIO=${1:-mixed}
PY=${PY:-.venv/bin/python}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
SOURCE_DB=${LOAD_SOURCE_DB:-province}   # seeded with `seed_demo --scale province`
DB=${LOAD_DB:-loadtest}                 # dropped and copied afresh on every run
PORT=${LOAD_PORT:-8800}                 # nginx; gunicorn listens on the next port
APP_PORT=$((PORT + 1))
USERS=${LOAD_USERS:-50}
RUN_SECONDS=${LOAD_RUN_SECONDS:-90}
OUT=${LOAD_OUT:-var/loadtest}
case "$SCENARIO" in
    mixed) LOCUSTFILE=loadtest/locustfile.py ;;
    burst) LOCUSTFILE=loadtest/burst.py ;;
    *) echo "usage: loadtest/run.sh [mixed|burst]" >&2; exit 2 ;;
esac
mkdir -p "$OUT"

# Production settings; the copy keeps the field keys its seed used (the development defaults
# unless the environment that seeded it set others), with a fresh key first for new values.
export DJANGO_SETTINGS_MODULE=${LOAD_SETTINGS:-config.settings.production}
export DATABASE_URL="postgres://$PGUSER@$PGHOST:5432/$DB"
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/6}
export STATIC_ROOT="$OUT/static" MEDIA_ROOT="$OUT/media"
export ALLOWED_HOSTS=127.0.0.1 SITE_URL="http://127.0.0.1:$PORT" LOG_LEVEL=WARNING
export TRUSTED_PROXY_COUNT=1  # nginx in front, as in production
seeded_key() { DJANGO_SETTINGS_MODULE=config.settings.base "$PY" -c "from config.settings import base; print(base.$1)"; }
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
FIELD_ENCRYPTION_KEYS="$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'),$(seeded_key 'FIELD_ENCRYPTION_KEYS[0]')"
FIELD_HASH_KEY="$(seeded_key FIELD_HASH_KEY)"
CERTIFICATE_SIGNING_KEY="$("$PY" -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
export SECRET_KEY FIELD_ENCRYPTION_KEYS FIELD_HASH_KEY CERTIFICATE_SIGNING_KEY
# Every simulated user comes from 127.0.0.1: lift the per-address limit of /verify/ so that
# verification itself is measured, not the limiter's 429 (sign-in limits stay as they are).
export VERIFY_RATE_LIMIT=${LOAD_VERIFY_RATE_LIMIT:-1000000}

if [ -z "${LOAD_REUSE_DB:-}" ]; then  # LOAD_REUSE_DB=1: keep the copy of the last run
    echo "==> Copying $SOURCE_DB to $DB"
    dropdb --if-exists "$DB"
    for attempt in 1 2 3 4 5; do  # createdb -T needs the template free of other sessions
        createdb -T "$SOURCE_DB" "$DB" && break
        [ "$attempt" = 5 ] && exit 1
        sleep 5
    done
    "$PY" manage.py migrate --noinput -v 0
fi
redis-cli -u "$REDIS_URL" flushdb >/dev/null
"$PY" manage.py collectstatic --noinput -v 0
"$PY" -m loadtest.prepare "$OUT/plan.json"

echo "==> gunicorn on 127.0.0.1:$APP_PORT (workers ${GUNICORN_WORKERS:-default}, threads ${GUNICORN_THREADS:-default}) behind nginx on :$PORT"
GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_ACCESS_LOG="$OUT/access.log" \
    "$PY" -m gunicorn -c gunicorn.conf.py config.wsgi >"$OUT/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
command -v nginx >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
}
NGINX_DIR="$PWD/$OUT/nginx"
mkdir -p "$NGINX_DIR/logs"
cat >"$NGINX_DIR/nginx.conf" <<NGINX
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    include $PWD/deploy/nginx/signin-limit.conf;
    upstream shegongzhan { server 127.0.0.1:$APP_PORT; keepalive 16; }
    server {
        listen 127.0.0.1:$PORT;
        proxy_set_header X-Forwarded-Proto https;  # as the production server behind TLS
        include $PWD/deploy/nginx/portal.conf;
    }
}
NGINX
nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf"
trap 'nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -s quit 2>/dev/null; kill "$GUNICORN_PID" 2>/dev/null; wait "$GUNICORN_PID" 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 60); do
    curl -sf -o /dev/null -H "X-Forwarded-Proto: https" "$URL/healthz" && break
    sleep 1
done
# Warm up: each worker loads the URLs, views and templates on its first requests (seconds
# each on a busy machine), which is start-up, not load. Not measured.
WARMING=()
for _ in $(seq 4); do
    for path in /accounts/login/ /verify/ /; do
        curl -s -o /dev/null -H "X-Forwarded-Proto: https" "$URL$path" &
        WARMING+=($!)
    done
done
wait "${WARMING[@]}"

# CPU seconds gunicorn's workers have used: with other work on the machine, CPU per request
# says more than time per request does.
gunicorn_cpu() {
    local pids
    pids=$(pgrep -P "$GUNICORN_PID" | sed 's|.*|/proc/&/stat|')
    # shellcheck disable=SC2086
    awk -v hz="$(getconf CLK_TCK)" '{ t += $14 + $15 } END { printf "%.2f", t / hz }' $pids
}
CPU_BEFORE=$(gunicorn_cpu)

echo "==> locust: $SCENARIO, $RUN_SECONDS s"
LOCUST=("$PY" -m locust -f "$LOCUSTFILE" --headless --host "$URL"
        --stop-timeout 10 --only-summary --csv "$OUT/$SCENARIO" --loglevel WARNING)
if [ "$SCENARIO" = mixed ]; then
    LOCUST+=(--users "$USERS" --spawn-rate 5 --run-time "${RUN_SECONDS}s")
fi  # the burst: the shape in burst.py stops at LOAD_RUN_SECONDS
STATUS=0
LOAD_PLAN="$OUT/plan.json" LOAD_RUN_SECONDS="$RUN_SECONDS" "${LOCUST[@]}" || STATUS=$?
REQUESTS=$(awk -F, '$2 == "Aggregated" { print $3 }' "$OUT/${SCENARIO}_stats.csv")
awk -v a="$CPU_BEFORE" -v b="$(gunicorn_cpu)" -v n="$REQUESTS" 'BEGIN {
    printf "gunicorn workers used %.1f CPU seconds for %d requests: %.0f ms a request\n",
        b - a, n, n ? (b - a) * 1000 / n : 0 }'
exit "$STATUS"
