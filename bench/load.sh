#!/usr/bin/env bash
# Load test on loopback: PostgreSQL (started as .ci/run does), Redis when installed, gunicorn with 2 workers on
# 127.0.0.1, then four bounded loads, each reported as requests/s, p50, p99 and errors, and as a ratio to the
# floor of the same run, and with the gunicorn workers' CPU time per request (steadier on a shared machine):
#   floor    GET /healthz (one query), wrk, DURATION seconds
#   api      POST /api/v1/code with 20 administrations, wrk, DURATION seconds
#   nudge    the builder's htmx re-code (stop time +1/-1 minute) on a 20-administration timeline, wrk with one
#            connection per thread, each thread a signed-in trainee with a timeline of their own, posting the
#            version of its last answer as the page does (any answer but 200, or without a version: an error)
#   rush     TRAINEES simulated trainees of one class answering every question of one assignment within
#            RUSH_SECONDS (bench/rush.py)
# and afterwards counts the rush's answers in the database: every accepted answer stored once (exit 1 if not).
#
#   bash bench/load.sh            # DURATION=30 RUSH_SECONDS=60 TRAINEES=200 CONNECTIONS=8
#   LOADS="floor nudge" DURATION=15 bash bench/load.sh   # some of the loads only (the floor always runs)
#
# Uses a throwaway database `coding_bench` (dropped and made again each run) and its own Redis on port
# REDIS_PORT with nothing saved to disk; stops everything it started on exit. Run as root or with sudo for
# PostgreSQL, on an otherwise idle machine; wrk comes from Debian (apt-get install wrk).
#
# Measured 2026-12-04 on 2 shared cores (30 s each, speed varying 15-30% from run to run; compare CPU ms/req):
#   floor 2479.8 req/s, 0.62 ms/req; api 1270.5 (0.51), 1.47 ms/req; nudge 199.5 (0.08), 8.46 ms/req (213.7,
#   0.09, 7.90 ms/req in a floor-and-nudge run), every answer changes only; rush p50 16.8 ms, p99 60.3 ms; no
#   errors, nothing lost or doubled. The nudge target is 0.10 of the floor (about 6.5 ms of CPU per nudge): the
#   rest is spread thin (two engine runs, one for the category hint, 20%; the session's read and write 20%,
#   with a health-check SELECT 1 and two Redis round trips; the picture 10%; templates 12%).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-30}"
RUSH_SECONDS="${RUSH_SECONDS:-60}"
TRAINEES="${TRAINEES:-200}"
QUESTIONS="${QUESTIONS:-6}"
CONNECTIONS="${CONNECTIONS:-8}"
LOADS="${LOADS:-floor api nudge rush}"
REDIS_PORT="${REDIS_PORT:-6393}"
BIN=.venv/bin
PG_ROLE=ci
PG_PASSWORD=ci-password
PG_DATABASE=coding_bench

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
work="$(mktemp -d)"
started_pids=()
cleanup() {
  # Last started first, each waited for: gunicorn finishes its requests before Redis goes.
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    kill "${started_pids[i]}" 2>/dev/null || true
    wait "${started_pids[i]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

as_postgres() {
  if [ "$(id -u)" = "0" ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}

echo "== PostgreSQL"
read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1)
[ "$pg_status" = "online" ] || pg_ctlcluster "$pg_version" "$pg_cluster" start
as_postgres psql --quiet -v ON_ERROR_STOP=1 --port "$pg_port" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
DROP DATABASE IF EXISTS $PG_DATABASE;
CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE;
SQL
export DATABASE_URL="postgres://$PG_ROLE:$PG_PASSWORD@localhost:$pg_port/$PG_DATABASE"

cache="database table"
if command -v redis-server >/dev/null; then
  echo "== Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --logfile "$work/redis.log" &
  started_pids+=($!)
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  cache="Redis"
fi

# Production settings on plain HTTP loopback: no HTTPS redirect, no API rate limit (one client sends it all).
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 API_RATE_LIMIT=off LOG_LEVEL=ERROR
SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY

echo "== Database, static files and data"
"$BIN/python" manage.py migrate --noinput --verbosity 0
"$BIN/python" manage.py collectstatic --noinput --verbosity 0
"$BIN/python" bench/load_data.py prepare "$work/prepared.json" --trainees "$TRAINEES" --questions "$QUESTIONS" \
  --builders "$CONNECTIONS"
"$BIN/python" -c 'import json, sys; sys.path.insert(0, "bench"); from builder import busy_day; print(json.dumps(busy_day()))' \
  >"$work/encounter.json" 2>/dev/null
prepared() { "$BIN/python" -c "import json; print(json.load(open('$work/prepared.json'))['$1'])"; }
csrf="$(prepared csrf_secret)"
builder_cookies="$(prepared builder_cookies)"

port="$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
echo "== gunicorn, 2 workers, on $base (cache: $cache)"
"$BIN/gunicorn" config.wsgi --workers 2 --bind "127.0.0.1:$port" --timeout 30 --error-logfile "$work/gunicorn.log" &
started_pids+=($!)
gunicorn_pid=$!
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "$base/healthz" >/dev/null || { cat "$work/gunicorn.log"; exit 1; }

workers_cpu_ticks() {  # user + system CPU time of gunicorn's workers so far, in clock ticks
  local pid total=0
  for pid in $(pgrep -P "$gunicorn_pid"); do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
load() {  # name url threads [VAR=value...]: one wrk run of DURATION seconds, its JSON summary kept as $work/name.json
  local name="$1" url="$2" threads="$3" before
  shift 3
  [[ "$name" = floor || " $LOADS " = *" $name "* ]] || return 0
  echo "== $name: ${DURATION}s of $url"
  before="$(workers_cpu_ticks)"
  env "$@" wrk --threads "$threads" --connections "$CONNECTIONS" --duration "${DURATION}s" --timeout 10s \
    --script bench/wrk.lua "$url" | tail -n 1 >"$work/$name.json"
  # The workers' own CPU per request: what the load costs the server, whatever else shares the machine.
  echo $(($(workers_cpu_ticks) - before)) "$(getconf CLK_TCK)" >"$work/$name.cpu"
}
load floor "$base/healthz" 2
load api "$base/api/v1/code" 2 METHOD=POST BODY_FILE="$work/encounter.json" CONTENT_TYPE=application/json
load nudge "$base/builder/administrations/a3/nudge/" "$CONNECTIONS" METHOD=POST HTMX=1 COOKIES="$builder_cookies" \
  CSRF="$csrf" PAGE=/builder/ CONTENT_TYPE=application/x-www-form-urlencoded "ALTERNATE=minutes=1|minutes=-1"
if [[ " $LOADS " = *" rush "* ]]; then
  echo "== rush: $TRAINEES trainees, $QUESTIONS questions each, within ${RUSH_SECONDS}s"
  "$BIN/python" bench/rush.py "$base" "$work/prepared.json" "$work/sent.json" --within "$RUSH_SECONDS" >"$work/rush.json"
fi

echo
"$BIN/python" - "$work" <<'PY'
import json, sys
from pathlib import Path

work = Path(sys.argv[1])
rows = {
    name: json.loads((work / f"{name}.json").read_text())
    for name in ("floor", "api", "nudge", "rush")
    if (work / f"{name}.json").exists()
}
floor = rows["floor"]

def cpu_ms(name: str) -> str:
    """The workers' CPU time per request of a wrk load, in ms (the rush runs beside its pauses: not measured)."""
    if not (work / f"{name}.cpu").exists():
        return "—"
    ticks, per_second = map(int, (work / f"{name}.cpu").read_text().split())
    return f"{ticks / per_second * 1000 / rows[name]['requests']:.2f}"


print(
    f"{'load':<7}{'requests':>9}{'req/s':>9}{'÷floor':>8}{'p50 ms':>9}{'÷floor':>8}{'p99 ms':>9}{'÷floor':>8}"
    f"{'errors':>8}{'CPU ms/req':>12}"
)
for name, row in rows.items():
    print(
        f"{name:<7}{row['requests']:>9}{row['rps']:>9.1f}{row['rps'] / floor['rps']:>8.2f}"
        f"{row['p50']:>9.1f}{row['p50'] / floor['p50']:>8.2f}{row['p99']:>9.1f}{row['p99'] / floor['p99']:>8.2f}"
        f"{row['errors']:>8}{cpu_ms(name):>12}"
    )
print("(CPU ms/req: user and system time of the 2 gunicorn workers over the load, per request)")
if nudge := rows.get("nudge"):
    print(
        f"nudge answers: {nudge['wrong_status']} not 200 (422: a stale version refused), {nudge['versionless']} "
        f"without a version, {nudge['whole']} of {nudge['requests']} the whole workspace rather than only what changed"
    )
if rush := rows.get("rush"):
    if rush.get("first_errors"):
        print("first rush errors:", *rush["first_errors"], sep="\n  ")
    print("(the rush is paced by the trainees' pauses, so its req/s is the offered load, not a ceiling)")
PY
if [ -f "$work/sent.json" ]; then
  echo
  "$BIN/python" bench/load_data.py count "$work/sent.json"
fi
