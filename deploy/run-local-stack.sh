#!/usr/bin/env bash
# Jarida's production stack on one machine, on 127.0.0.1 only, for benchmarks and trials:
#
#   nginx (Debian's package, proxy_cache) :8080 -> granian, 2 workers :8001
#       -> SQLite (default) or PostgreSQL; Redis for the page cache and rate limits.
#
#   deploy/run-local-stack.sh start     # installs nginx and wrk with apt-get if missing
#   deploy/run-local-stack.sh stop
#   deploy/run-local-stack.sh status
#
# Settings (environment): JARIDA_STACK_DIR (/tmp/jarida-stack), JARIDA_NGINX_PORT (8080),
# JARIDA_CEILING_PORT (8081), JARIDA_APP_PORT (8001), JARIDA_APP_SERVER (granian|gunicorn),
# JARIDA_WORKERS (2), JARIDA_APP_THREADS (2 per worker), JARIDA_STACK_DB (sqlite|postgres),
# JARIDA_VAR_DIR (the SQLite database's directory; default $JARIDA_STACK_DIR/var), JARIDA_STACK_DATABASE_URL
# (postgres://postgres@127.0.0.1:5432/jarida_stack), REDIS_URL (redis://127.0.0.1:6379/7),
# JARIDA_PAGE_CACHE (1). Other JARIDA_* variables pass through to the app.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STACK_DIR=${JARIDA_STACK_DIR:-/tmp/jarida-stack}
NGINX_PORT=${JARIDA_NGINX_PORT:-8080}
CEILING_PORT=${JARIDA_CEILING_PORT:-8081}
APP_PORT=${JARIDA_APP_PORT:-8001}
APP_SERVER=${JARIDA_APP_SERVER:-granian}
WORKERS=${JARIDA_WORKERS:-2}
THREADS=${JARIDA_APP_THREADS:-2}  # per worker: a short request need not wait for a long one
DB=${JARIDA_STACK_DB:-sqlite}
PG_URL=${JARIDA_STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jarida_stack}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/7}
VENV=$ROOT/.venv/bin
NGINX_PREFIX=$STACK_DIR/nginx

log() { printf '[stack] %s\n' "$*" >&2; }

need_packages() {
    local missing=()
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v redis-server >/dev/null || missing+=(redis-server)
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]} from Debian's packages"
        [ "$(id -u)" = 0 ] || { log "run as root to install ${missing[*]}"; exit 1; }
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

redis_up() {
    if "$VENV/python" -c "import redis,sys; redis.Redis.from_url(sys.argv[1]).ping()" "$REDIS_URL" 2>/dev/null; then
        return
    fi
    log "starting redis-server on 127.0.0.1:6379"
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --dir "$STACK_DIR" \
        --pidfile "$STACK_DIR/redis.pid" --save '' --appendonly no \
        --maxmemory 512mb --maxmemory-policy allkeys-lru >/dev/null
    sleep 0.5
}

postgres_up() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        log "starting PostgreSQL"
        local cluster
        cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start
    fi
    local name=${PG_URL##*/}
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" \
        | grep -q 1 || createdb -h 127.0.0.1 -U postgres "$name"
    export DATABASE_URL=$PG_URL
}

app_env() {
    mkdir -p "$STACK_DIR"
    [ -s "$STACK_DIR/secret" ] || "$VENV/python" -c "import secrets; print(secrets.token_hex(32))" > "$STACK_DIR/secret"
    [ -s "$STACK_DIR/purge-secret" ] || "$VENV/python" -c "import secrets; print(secrets.token_hex(16))" > "$STACK_DIR/purge-secret"
    export DJANGO_SETTINGS_MODULE=config.settings.base
    export DJANGO_SECRET_KEY; DJANGO_SECRET_KEY=$(cat "$STACK_DIR/secret")
    export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
    export JARIDA_SITE_URL=http://127.0.0.1:$NGINX_PORT
    export JARIDA_VAR_DIR=${JARIDA_VAR_DIR:-$STACK_DIR/var}
    export JARIDA_STATIC_ROOT=$STACK_DIR/static
    export JARIDA_MEDIA_ROOT=${JARIDA_MEDIA_ROOT:-$ROOT/media}
    export JARIDA_PAGE_CACHE=${JARIDA_PAGE_CACHE:-1}
    export JARIDA_CACHE_PURGE_URLS=http://127.0.0.1:$NGINX_PORT
    export JARIDA_CACHE_PURGE_SECRET; JARIDA_CACHE_PURGE_SECRET=$(cat "$STACK_DIR/purge-secret")
    export JARIDA_BEHIND_PROXY=1
    export JARIDA_CLIENT_IP_HEADER=${JARIDA_CLIENT_IP_HEADER:-HTTP_X_FORWARDED_FOR}
    export JARIDA_SERVE_MEDIA=0
    export JARIDA_LOG_LEVEL=${JARIDA_LOG_LEVEL:-WARNING}
    [ "$DB" = postgres ] && postgres_up
    return 0
}

app_start() {
    cd "$ROOT"
    "$VENV/python" manage.py migrate --noinput -v0
    "$VENV/python" manage.py collectstatic --noinput -v0
    case "$APP_SERVER" in
        granian)
            setsid "$VENV/granian" --interface wsgi --host 127.0.0.1 --port "$APP_PORT" \
                --workers "$WORKERS" --blocking-threads "$THREADS" --no-ws --backlog 2048 \
                --respawn-failed-workers --log-level warning config.wsgi:application \
                >"$STACK_DIR/app.log" 2>&1 &
            echo $! > "$STACK_DIR/app.pid" ;;
        gunicorn)
            setsid "$VENV/gunicorn" config.wsgi:application --bind "127.0.0.1:$APP_PORT" \
                --workers "$WORKERS" --worker-class gthread --threads "$THREADS" --keep-alive 30 \
                --backlog 2048 --log-level warning >"$STACK_DIR/app.log" 2>&1 &
            echo $! > "$STACK_DIR/app.pid" ;;
        *) log "JARIDA_APP_SERVER must be granian or gunicorn"; exit 1 ;;
    esac
    for _ in $(seq 100); do
        curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/healthz" && return 0
        sleep 0.2
    done
    log "the app server did not answer; see $STACK_DIR/app.log"; exit 1
}

nginx_start() {
    mkdir -p "$NGINX_PREFIX"/{cache,tmp,ceiling}
    local secret session
    secret=$(cat "$STACK_DIR/purge-secret")
    session=$(cd "$ROOT" && "$VENV/python" -c "import django; django.setup(); from django.conf import settings; print(settings.SESSION_COOKIE_NAME)")
    sed -e "s#__CACHE_DIR__#$NGINX_PREFIX/cache#g" -e "s#__APP_ADDRESS__#127.0.0.1:$APP_PORT#g" \
        -e "s#__SESSION_COOKIE__#$session#g" -e "s#__PURGE_SECRET__#$secret#g" \
        -e "s#__LISTEN__#127.0.0.1:$NGINX_PORT#g" -e "s#__SERVER_NAME__#127.0.0.1 localhost#g" \
        -e "s#__STATIC_ROOT__#$JARIDA_STATIC_ROOT#g" -e "s#__MEDIA_ROOT__#$JARIDA_MEDIA_ROOT#g" \
        "$ROOT/deploy/nginx/jarida.conf" > "$NGINX_PREFIX/jarida.conf"
    sed -e "s#__PREFIX__#$NGINX_PREFIX#g" -e "s#__CEILING_LISTEN__#127.0.0.1:$CEILING_PORT#g" \
        "$ROOT/deploy/nginx/nginx.conf" > "$NGINX_PREFIX/nginx.conf"
    chown -R www-data "$NGINX_PREFIX/cache" "$NGINX_PREFIX/tmp" 2>/dev/null || true
    nginx -q -t -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf"
    nginx -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf"
}

stop() {
    if [ -s "$NGINX_PREFIX/nginx.pid" ]; then
        nginx -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" -s quit 2>/dev/null || true
    fi
    if [ -s "$STACK_DIR/app.pid" ]; then
        kill -TERM "$(cat "$STACK_DIR/app.pid")" 2>/dev/null || true
        rm -f "$STACK_DIR/app.pid"
    fi
    if [ -s "$STACK_DIR/redis.pid" ]; then
        kill -TERM "$(cat "$STACK_DIR/redis.pid")" 2>/dev/null || true
        rm -f "$STACK_DIR/redis.pid"
    fi
    sleep 1
    rm -rf "$NGINX_PREFIX/cache"
}

case "${1:-start}" in
    start)
        stop
        need_packages
        mkdir -p "$STACK_DIR"
        redis_up
        app_env
        # Nothing cached from an earlier run (only this stack's Redis database is flushed).
        "$VENV/python" -c "import redis,sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$REDIS_URL"
        app_start
        nginx_start
        log "up: http://127.0.0.1:$NGINX_PORT/ (nginx) -> http://127.0.0.1:$APP_PORT/ ($APP_SERVER x$WORKERS, $DB)"
        ;;
    stop) stop; log "stopped" ;;
    status)
        curl -sS -o /dev/null -w "nginx %{http_code}\n" "http://127.0.0.1:$NGINX_PORT/healthz" || true
        curl -sS -o /dev/null -w "app %{http_code}\n" "http://127.0.0.1:$APP_PORT/healthz" || true ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
