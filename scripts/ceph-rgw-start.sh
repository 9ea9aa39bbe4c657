#!/usr/bin/env bash
# Start a single-node Ceph RGW (one mon, one OSD, radosgw; no mgr) on loopback for integration
# tests, create three tenant users modelled as Allas projects and write a sourceable env file.
#
# Idempotent: if the cluster of this data directory is already running, it only re-writes the env
# file. Stale state (a stopped or half-started cluster) is stopped and wiped, then started fresh.
# Only processes recorded in this data directory's pid files are ever stopped.
#
# Environment (all optional):
#   CEPH_RGW_DIR          data directory, default /tmp/c4gh-ceph-rgw (all state, logs, env file)
#   CEPH_RGW_PORT         S3 (beast) port on 127.0.0.1, default 7480
#   CEPH_RGW_MON_PORT     mon msgr2 port (msgr1 uses +1), default 16789
#   CEPH_RGW_MS_PORT_MIN  first port of the daemons' bind range (20 ports), default 16800
#   CEPH_RGW_OSD_STORE    bluestore (default; sparse file) or memstore (RAM)
#   CEPH_RGW_OSD_SIZE_GB  OSD capacity in GiB, default 16 (sparse file / memstore limit)
#   CEPH_RGW_TIMEOUT      seconds to wait for each daemon, default 60
#
# See scripts/README-ceph.md.
set -euo pipefail

DATA_DIR="${CEPH_RGW_DIR:-/tmp/c4gh-ceph-rgw}"
DATA_DIR="${DATA_DIR%/}"
RGW_PORT="${CEPH_RGW_PORT:-7480}"
MON_PORT="${CEPH_RGW_MON_PORT:-16789}"
MS_PORT_MIN="${CEPH_RGW_MS_PORT_MIN:-16800}"
MS_PORT_MAX=$((MS_PORT_MIN + 19))
OSD_STORE="${CEPH_RGW_OSD_STORE:-bluestore}"
OSD_SIZE_GB="${CEPH_RGW_OSD_SIZE_GB:-16}"
WAIT_SECS="${CEPH_RGW_TIMEOUT:-60}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MARKER=".c4gh-ceph-rgw"
ENDPOINT="http://127.0.0.1:${RGW_PORT}"

# Fixed test-only identities: tenant == uid == a 32-hex "Keystone project id".
PROJECTS=(OWNER PRODUCER OTHER)
declare -A P_ID=(
  [OWNER]="c4c4000000000000000000000200011a"
  [PRODUCER]="c4c4000000000000000000000200022b"
  [OTHER]="c4c4000000000000000000000200033c"
)
declare -A P_NAME=(
  [OWNER]="project_2000111"
  [PRODUCER]="project_2000222"
  [OTHER]="project_2000333"
)
declare -A P_ACCESS=(
  [OWNER]="C4GHITOWNER000000001"
  [PRODUCER]="C4GHITPRODUCER000002"
  [OTHER]="C4GHITOTHER000000003"
)
declare -A P_SECRET=(
  [OWNER]="c4ghItOwnerSecretKey00000000000000000001"
  [PRODUCER]="c4ghItProducerSecretKey00000000000000002"
  [OTHER]="c4ghItOtherSecretKey00000000000000000003"
)

log() { printf '[ceph-rgw-start] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for v in RGW_PORT MON_PORT MS_PORT_MIN OSD_SIZE_GB WAIT_SECS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a number, got '${!v}'"
done
case "$OSD_STORE" in bluestore | memstore) ;; *) die "CEPH_RGW_OSD_STORE must be bluestore or memstore" ;; esac
case "$DATA_DIR" in /?*) ;; *) die "CEPH_RGW_DIR must be an absolute path other than /" ;; esac

CONF="$DATA_DIR/ceph.conf"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/log"
ENV_FILE="$DATA_DIR/rgw.env"
export CEPH_CONF="$CONF"

START_TS=$(date +%s.%N)
elapsed() { awk -v s="$START_TS" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# ---------------------------------------------------------------------------------------------
# helpers

# running PID: true while PID exists and is not a zombie (a zombie still answers kill -0).
running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]]
}

# pid_alive FILE BINARY: true if FILE holds the pid of a live process whose executable is BINARY.
pid_alive() {
  local file="$1" bin="$2" pid exe
  [[ -s "$file" ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [[ -n "$pid" ]] && running "$pid" || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  [[ "${exe##*/}" == "$bin" ]]
}

# True only when the daemon certainly died: its pid file exists and names no live process of that
# binary. A daemon writes its pid file a moment after it forks, so a missing file means "not yet".
pid_dead() {
  local file="$1" bin="$2"
  [[ -s "$file" ]] || return 1
  ! pid_alive "$file" "$bin"
}

http_code() {
  curl -s -o /dev/null -m 2 -w '%{http_code}' "$ENDPOINT/" 2>/dev/null || true
}

port_answers() {
  local code
  code=$(http_code)
  [[ -n "$code" && "$code" != "000" ]]
}

show_log() {
  local f
  for f in "$@"; do
    if [[ -s "$f" ]]; then
      log "---- tail of $f ----"
      tail -n 40 "$f" >&2 || true
    fi
  done
}

fail() {
  local msg="$1"
  shift
  log "ERROR: $msg"
  show_log "$@"
  log "state left in $DATA_DIR; run $SCRIPT_DIR/ceph-rgw-stop.sh to stop what was started"
  exit 1
}

ceph_cli() {
  timeout 30 ceph --connect-timeout 10 "$@"
}

write_env() {
  local tmp="$ENV_FILE.tmp.$$" p
  {
    echo "# Written by scripts/ceph-rgw-start.sh: local Ceph RGW for integration tests (test-only keys)."
    echo "export C4GH_IT_ENDPOINT=$ENDPOINT"
    for p in "${PROJECTS[@]}"; do
      echo "export C4GH_IT_${p}_ID=${P_ID[$p]}"
      echo "export C4GH_IT_${p}_NAME=${P_NAME[$p]}"
      echo "export C4GH_IT_${p}_ACCESS_KEY=${P_ACCESS[$p]}"
      echo "export C4GH_IT_${p}_SECRET_KEY=${P_SECRET[$p]}"
    done
  } >"$tmp"
  mv -f "$tmp" "$ENV_FILE"
}

# Create the users; an existing user (re-run) is accepted if radosgw-admin can read it back.
ensure_users() {
  local p id out
  for p in "${PROJECTS[@]}"; do
    id="${P_ID[$p]}"
    if out=$(timeout 30 radosgw-admin user create --tenant "$id" --uid "$id" \
      --display-name "${P_NAME[$p]}" \
      --access-key "${P_ACCESS[$p]}" --secret-key "${P_SECRET[$p]}" 2>&1); then
      continue
    fi
    if timeout 30 radosgw-admin --tenant "$id" --uid "$id" user info 2>/dev/null |
      grep -q "\"access_key\": \"${P_ACCESS[$p]}\""; then
      continue
    fi
    printf '%s\n' "$out" >&2
    fail "radosgw-admin user create failed for $p ($id)" "$LOG_DIR/client.admin.log"
  done
}

# ---------------------------------------------------------------------------------------------
# 1. packages

need_install=0
for b in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool ceph-authtool uuidgen curl; do
  command -v "$b" >/dev/null 2>&1 || need_install=1
done
if [[ $need_install -eq 1 ]]; then
  log "installing Ceph packages (apt-get)"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: cannot install Ceph packages"
    SUDO=(sudo)
  fi
  # apt's chatter goes to stderr: stdout carries only the env file path
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    ceph-mon ceph-osd radosgw ceph-common uuid-runtime curl >&2
  log "packages installed ($(elapsed) s)"
fi
[[ $(id -u) -eq 0 ]] || log "warning: not running as root; the daemons may lack permissions"

# ---------------------------------------------------------------------------------------------
# 2. one start/stop at a time per data directory; already running?

mkdir -p "$(dirname "$DATA_DIR")"
exec 9>"$DATA_DIR.lock"
flock -w 300 9 || die "another start/stop holds $DATA_DIR.lock"
export C4GH_CEPH_RGW_LOCK_HELD="$DATA_DIR"

if [[ -f "$DATA_DIR/$MARKER" ]] &&
  pid_alive "$RUN_DIR/mon.a.pid" ceph-mon &&
  pid_alive "$RUN_DIR/osd.0.pid" ceph-osd &&
  pid_alive "$RUN_DIR/client.rgw.pid" radosgw &&
  port_answers; then
  write_env
  log "already running from $DATA_DIR at $ENDPOINT"
  echo "$ENV_FILE"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# 3. clean up stale state, refuse to clobber foreign directories or ports

if [[ -e "$DATA_DIR" ]]; then
  if [[ -f "$DATA_DIR/$MARKER" ]]; then
    log "stale state in $DATA_DIR: stopping and wiping it"
    CEPH_RGW_DIR="$DATA_DIR" "$SCRIPT_DIR/ceph-rgw-stop.sh" --purge >&2
  elif [[ -d "$DATA_DIR" && -z "$(ls -A "$DATA_DIR")" ]]; then
    :
  else
    die "$DATA_DIR exists and was not made by this script (no $MARKER); remove it or set CEPH_RGW_DIR"
  fi
fi
if port_answers; then
  die "something else already answers on $ENDPOINT; stop it or set CEPH_RGW_PORT"
fi
for p in "$MON_PORT" $((MON_PORT + 1)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "port $p (mon) is already in use; set CEPH_RGW_MON_PORT (and CEPH_RGW_MS_PORT_MIN) for a second cluster"
  fi
done

mkdir -p "$DATA_DIR" "$RUN_DIR" "$LOG_DIR" "$DATA_DIR/mon" "$DATA_DIR/osd/ceph-0" "$DATA_DIR/rgw" "$DATA_DIR/crash"
touch "$DATA_DIR/$MARKER"

# ---------------------------------------------------------------------------------------------
# 4. configuration

FSID=$(uuidgen)
OSD_BYTES=$((OSD_SIZE_GB * 1024 * 1024 * 1024))
cat >"$CONF" <<EOF
# Generated by scripts/ceph-rgw-start.sh: single-node test cluster, loopback only, no auth.
[global]
fsid = $FSID
mon_host = [v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$((MON_PORT + 1))]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_ipv6 = false
ms_bind_port_min = $MS_PORT_MIN
ms_bind_port_max = $MS_PORT_MAX
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
keyring = $DATA_DIR/keyring
run_dir = $RUN_DIR
admin_socket = $RUN_DIR/\$name.asok
pid_file = $RUN_DIR/\$name.pid
log_file = $LOG_DIR/\$name.log
log_to_syslog = false
err_to_syslog = false
crash_dir = $DATA_DIR/crash
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_warn_on_insecure_global_id_reclaim_allowed = false

[mon]
mon_data = $DATA_DIR/mon/\$cluster-\$id
mon_allow_pool_delete = true
paxos_propose_interval = 0.05
paxos_min_wait = 0.01

[osd]
osd_data = $DATA_DIR/osd/\$cluster-\$id
osd_objectstore = $OSD_STORE
bluestore_block_path = $DATA_DIR/osd.\$id.block
bluestore_block_create = true
bluestore_block_size = $OSD_BYTES
bluestore_fsck_on_mkfs = false
# every block-device close waits out one aio poll interval (default 250 ms, ~14 closes per start)
bdev_aio_poll_ms = 20
memstore_device_bytes = $OSD_BYTES
osd_memory_target = 1073741824

[client.rgw]
ms_mon_client_mode = crc secure
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw_data = $DATA_DIR/rgw
# reclaim deleted/overwritten objects' data after ~30 s instead of 2 h (multi-GiB tests)
rgw_gc_obj_min_wait = 30
rgw_gc_processor_period = 30
# Allas accepts the older bucket names with '_' (CSC's <bucket>_segments companions among them)
rgw_relaxed_s3_bucket_names = true
EOF

# ---------------------------------------------------------------------------------------------
# 5. mon

log "bootstrapping mon (fsid $FSID)"
monmaptool --create --fsid "$FSID" \
  --addv a "[v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$((MON_PORT + 1))]" \
  "$DATA_DIR/monmap" >"$LOG_DIR/bootstrap.log" 2>&1 ||
  fail "monmaptool failed" "$LOG_DIR/bootstrap.log"
ceph-authtool --create-keyring "$DATA_DIR/keyring" --gen-key -n mon. --cap mon 'allow *' \
  >>"$LOG_DIR/bootstrap.log" 2>&1 ||
  fail "ceph-authtool failed" "$LOG_DIR/bootstrap.log"
ceph-mon --mkfs -i a --monmap "$DATA_DIR/monmap" --keyring "$DATA_DIR/keyring" \
  >>"$LOG_DIR/bootstrap.log" 2>&1 ||
  fail "ceph-mon --mkfs failed" "$LOG_DIR/bootstrap.log" "$LOG_DIR/mon.a.log"
timeout "$WAIT_SECS" ceph-mon -i a 9>&- >"$LOG_DIR/mon.a.stderr" 2>&1 ||
  fail "ceph-mon did not start" "$LOG_DIR/mon.a.stderr" "$LOG_DIR/mon.a.log"
deadline=$((SECONDS + WAIT_SECS))
until ceph_cli mon stat >/dev/null 2>&1; do
  ! pid_dead "$RUN_DIR/mon.a.pid" ceph-mon || fail "ceph-mon exited" "$LOG_DIR/mon.a.stderr" "$LOG_DIR/mon.a.log"
  ((SECONDS < deadline)) || fail "mon not answering after ${WAIT_SECS}s" "$LOG_DIR/mon.a.log"
  sleep 0.2
done
log "mon up ($(elapsed) s)"

# ---------------------------------------------------------------------------------------------
# 6. OSD

OSD_UUID=$(uuidgen)
osd_id=$(ceph_cli osd new "$OSD_UUID" 2>>"$LOG_DIR/bootstrap.log") ||
  fail "ceph osd new failed" "$LOG_DIR/bootstrap.log" "$LOG_DIR/mon.a.log"
[[ "$osd_id" == "0" ]] || fail "expected osd id 0, got '$osd_id'" "$LOG_DIR/bootstrap.log"
timeout "$WAIT_SECS" ceph-osd -i 0 --mkfs --osd-uuid "$OSD_UUID" >"$LOG_DIR/osd.0.mkfs.log" 2>&1 ||
  fail "ceph-osd --mkfs failed ($OSD_STORE)" "$LOG_DIR/osd.0.mkfs.log" "$LOG_DIR/osd.0.log"
timeout "$WAIT_SECS" ceph-osd -i 0 9>&- >"$LOG_DIR/osd.0.stderr" 2>&1 ||
  fail "ceph-osd did not start" "$LOG_DIR/osd.0.stderr" "$LOG_DIR/osd.0.log"
deadline=$((SECONDS + WAIT_SECS))
until ceph_cli osd dump 2>/dev/null | grep -q '^osd\.0 up'; do
  ! pid_dead "$RUN_DIR/osd.0.pid" ceph-osd || fail "ceph-osd exited" "$LOG_DIR/osd.0.stderr" "$LOG_DIR/osd.0.log"
  ((SECONDS < deadline)) || fail "osd.0 not up after ${WAIT_SECS}s" "$LOG_DIR/osd.0.log" "$LOG_DIR/mon.a.log"
  sleep 0.2
done
log "osd.0 up, $OSD_STORE, ${OSD_SIZE_GB} GiB ($(elapsed) s)"

# ---------------------------------------------------------------------------------------------
# 7. radosgw (it loops forever before daemonizing when it cannot reach the mon: hence timeout)

timeout "$WAIT_SECS" radosgw -n client.rgw 9>&- >"$LOG_DIR/client.rgw.stderr" 2>&1 ||
  fail "radosgw did not start within ${WAIT_SECS}s" "$LOG_DIR/client.rgw.stderr" "$LOG_DIR/client.rgw.log"
deadline=$((SECONDS + WAIT_SECS))
until port_answers; do
  ! pid_dead "$RUN_DIR/client.rgw.pid" radosgw ||
    fail "radosgw exited" "$LOG_DIR/client.rgw.stderr" "$LOG_DIR/client.rgw.log"
  ((SECONDS < deadline)) || fail "$ENDPOINT not answering after ${WAIT_SECS}s" "$LOG_DIR/client.rgw.log"
  sleep 0.2
done
log "radosgw answers on $ENDPOINT ($(elapsed) s)"

# ---------------------------------------------------------------------------------------------
# 8. users and env file

ensure_users
write_env
log "ready in $(elapsed) s; users: ${P_NAME[OWNER]} ${P_NAME[PRODUCER]} ${P_NAME[OTHER]}"
echo "$ENV_FILE"
