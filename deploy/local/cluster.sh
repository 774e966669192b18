#!/usr/bin/env bash
# Runs a local Profiles cluster: one Azurite (Table service) and N silo hosts that form one cluster on Azure Table
# membership and storage. See deploy/local/README.md.
#
#   deploy/local/cluster.sh [start] [-n N] [-d] [--azurite-port P] [--run-dir DIR] [--no-build]
#   deploy/local/cluster.sh stop [--run-dir DIR] [--clean]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AZURITE_DIR="$ROOT/tests/azurite"
HOST_DLL="$ROOT/src/Profiles.Host/bin/Release/net10.0/Profiles.Host.dll"
# Azurite's well-known development account key (public, documented by Microsoft).
ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

command="start"
silos=3
detach=false
build=true
clean=false
azurite_port="${PROFILES_AZURITE_PORT:-}"
run_dir="${PROFILES_RUN_DIR:-$ROOT/deploy/local/.run}"

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

  -n N              number of silo hosts (default 3)
  -d, --detach      return once the cluster answers (stop it later with `cluster.sh stop`)
  --azurite-port P  Table service port (default: 10002, or the next free one)
  --run-dir DIR     pids, logs, keys and Azurite data (default deploy/local/.run)
  --no-build        use the last Release build of src/Profiles.Host
  --clean           with stop: also delete the run folder (Azurite data included)

Keys come from PROFILES_WRITE_KEY, PROFILES_AGENT_KEY, PROFILES_OPS_KEY, PROFILES_ADMIN_KEY, or are generated.
Membership probe settings can be passed as Profiles__Clustering__Membership__* environment variables.
EOF
}

log() { printf '%s\n' "$*" >&2; }
die() { log "cluster.sh: $*"; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    start|stop) command="$1" ;;
    -n) [[ $# -ge 2 ]] || die "-n needs a number"; silos="$2"; shift ;;
    -d|--detach) detach=true ;;
    --azurite-port) [[ $# -ge 2 ]] || die "--azurite-port needs a port"; azurite_port="$2"; shift ;;
    --run-dir) [[ $# -ge 2 ]] || die "--run-dir needs a folder"; run_dir="$2"; shift ;;
    --no-build) build=false ;;
    --clean) clean=true ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done
[[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "-n must be a positive number, not '$silos'"

pid_dir="$run_dir/pids"
log_dir="$run_dir/logs"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port at or after $1 that nobody listens on and that this run has not handed out yet.
taken=" "
next_free_port() {
  local port="$1"
  while port_in_use "$port" || [[ "$taken" == *" $port "* ]]; do port=$((port + 1)); done
  taken+="$port "
  echo "$port"
}

running_pids() {
  local file pid
  for file in "$pid_dir"/*.pid; do
    [[ -e "$file" ]] || continue
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
  done
}

stop_pid_file() {
  local file="$1" pid
  [[ -e "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "  $(basename "$file" .pid) (pid $pid) did not stop within 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

stop_all() {
  local file stoppers=()
  log "Stopping the cluster in $run_dir"
  # Silos first (a graceful stop leaves the membership table), then the storage they write to.
  for file in "$pid_dir"/silo-*.pid; do
    [[ -e "$file" ]] || continue
    stop_pid_file "$file" &
    stoppers+=($!)
  done
  [[ ${#stoppers[@]} -eq 0 ]] || wait "${stoppers[@]}"
  stop_pid_file "$pid_dir/azurite.pid"
  if $clean; then rm -rf "$run_dir"; log "Deleted $run_dir"; fi
  log "Stopped."
}

if [[ "$command" == "stop" ]]; then
  stop_all
  exit 0
fi

[[ -z "$(running_pids)" ]] || die "a cluster from $run_dir is still running; run '$0 stop' first"
command -v node >/dev/null || die "node is required (for Azurite)"
command -v dotnet >/dev/null || die "dotnet is required"
command -v curl >/dev/null || die "curl is required"
mkdir -p "$pid_dir" "$log_dir" "$run_dir/azurite"

# Azurite, pinned by tests/azurite/package-lock.json; the marker is the one the test fixture checks as well.
lock_hash="$(sha256sum "$AZURITE_DIR/package-lock.json" | cut -d' ' -f1 | tr 'a-f' 'A-F')"
marker="$AZURITE_DIR/node_modules/.profiles-installed"
if [[ ! -x "$AZURITE_DIR/node_modules/.bin/azurite-table" || "$(cat "$marker" 2>/dev/null)" != "$lock_hash" ]]; then
  log "Installing Azurite (npm ci in tests/azurite)"
  (cd "$AZURITE_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  printf '%s' "$lock_hash" > "$marker"
fi

if $build; then
  log "Building src/Profiles.Host (Release)"
  dotnet build -c Release "$ROOT/src/Profiles.Host" -nologo -v quiet >"$log_dir/build.log" 2>&1 \
    || { tail -n 30 "$log_dir/build.log" >&2; die "build failed (see $log_dir/build.log)"; }
fi
[[ -f "$HOST_DLL" ]] || die "$HOST_DLL is missing; run without --no-build"

new_key() { echo "${1}_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"; }
write_key="${PROFILES_WRITE_KEY:-$(new_key wk)}"
agent_key="${PROFILES_AGENT_KEY:-$(new_key agent)}"
ops_key="${PROFILES_OPS_KEY:-$(new_key ops)}"
admin_key="${PROFILES_ADMIN_KEY:-$(new_key admin)}"

if [[ -n "$azurite_port" ]]; then
  port_in_use "$azurite_port" && die "Azurite port $azurite_port is in use"
  taken+="$azurite_port "
else
  azurite_port="$(next_free_port 10002)"
fi
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;TableEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"

# From here on, anything that fails or is interrupted stops what was started.
on_exit() { local code=$?; trap - EXIT INT TERM; stop_all; exit "$code"; }
trap on_exit EXIT
trap 'exit 130' INT TERM

log "Starting Azurite on 127.0.0.1:$azurite_port (data in $run_dir/azurite)"
"$AZURITE_DIR/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$azurite_port" \
  --location "$run_dir/azurite" --skipApiVersionCheck --loose --disableTelemetry \
  >"$log_dir/azurite.log" 2>&1 </dev/null &
echo $! > "$pid_dir/azurite.pid"
for _ in $(seq 1 300); do port_in_use "$azurite_port" && break; sleep 0.2; done
port_in_use "$azurite_port" || die "Azurite did not listen on $azurite_port (see $log_dir/azurite.log)"

urls=()
for i in $(seq 1 "$silos"); do
  http_port="$(next_free_port $((5080 + i - 1)))"
  silo_port="$(next_free_port $((11111 + i - 1)))"
  gateway_port="$(next_free_port $((30000 + i - 1)))"
  urls+=("http://127.0.0.1:$http_port")
  (
    export ASPNETCORE_URLS="http://127.0.0.1:$http_port"
    export Profiles__Storage__Provider=AzureTable
    export Profiles__Storage__ConnectionString="$connection"
    export Profiles__Clustering__Provider=AzureTable
    export Profiles__Clustering__ConnectionString="$connection"
    export Profiles__Clustering__SiloPort="$silo_port"
    export Profiles__Clustering__GatewayPort="$gateway_port"
    export Profiles__Clustering__AdvertisedIPAddress=127.0.0.1
    export Profiles__Clustering__ClusterId="${PROFILES_CLUSTER_ID:-local}"
    export Profiles__Auth__WriteKeys__0="$write_key"
    export Profiles__Auth__ApiKeys__0__Key="$agent_key"
    export Profiles__Auth__ApiKeys__0__Role=agent
    export Profiles__Auth__ApiKeys__1__Key="$ops_key"
    export Profiles__Auth__ApiKeys__1__Role=ops
    export Profiles__Auth__ApiKeys__2__Key="$admin_key"
    export Profiles__Auth__ApiKeys__2__Role=admin
    # The build output folder is the content root, so the host's appsettings.json applies.
    cd "$(dirname "$HOST_DLL")"
    exec dotnet "$HOST_DLL"
  ) >"$log_dir/silo-$i.log" 2>&1 </dev/null &
  echo $! > "$pid_dir/silo-$i.pid"
  log "Started silo $i (pid $!): HTTP $http_port, silo port $silo_port, gateway $gateway_port"
done

# A silo answers once its web host is up; 404 for an unknown customer means it reached the grain too.
for i in "${!urls[@]}"; do
  url="${urls[$i]}"
  ready=false
  for _ in $(seq 1 240); do
    kill -0 "$(cat "$pid_dir/silo-$((i + 1)).pid")" 2>/dev/null || die "silo $((i + 1)) exited (see $log_dir/silo-$((i + 1)).log)"
    code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $agent_key" "$url/api/customers/cluster-sh-ready" || true)"
    if [[ "$code" == "404" || "$code" == "200" ]]; then ready=true; break; fi
    sleep 0.5
  done
  $ready || die "silo $((i + 1)) did not answer at $url within 2 minutes (see $log_dir/silo-$((i + 1)).log)"
done

{
  echo "PROFILES_URLS=\"${urls[*]}\""
  echo "PROFILES_WRITE_KEY=$write_key"
  echo "PROFILES_AGENT_KEY=$agent_key"
  echo "PROFILES_OPS_KEY=$ops_key"
  echo "PROFILES_ADMIN_KEY=$admin_key"
  echo "PROFILES_STORAGE_CONNECTION_STRING=\"$connection\""
} > "$run_dir/cluster.env"

cat <<EOF

Profiles cluster is up: $silos silos on Azure Table membership and storage (Azurite 127.0.0.1:$azurite_port).
$(for i in "${!urls[@]}"; do echo "  silo $((i + 1)): ${urls[$i]}"; done)

Keys (also in $run_dir/cluster.env):
  write key: $write_key
  agent key: $agent_key
  ops key:   $ops_key
  admin key: $admin_key

Try:
  curl -u '$write_key:' -H 'Content-Type: application/json' ${urls[0]}/v1/batch \\
    -d '{"batch":[{"type":"track","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":12.5}}]}'
  curl -H 'Authorization: Bearer $agent_key' ${urls[$((silos - 1))]}/api/customers/u1

Logs: $log_dir
EOF

if $detach; then
  trap - EXIT INT TERM
  echo "Stop it with: $0 stop${run_dir:+ --run-dir $run_dir}"
  exit 0
fi

echo "Press Ctrl-C to stop everything."
# Returns when a process exits or a signal arrives; either way the EXIT trap stops the rest.
wait -n
log "A process of the cluster exited; stopping the rest."
