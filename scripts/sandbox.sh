#!/usr/bin/env bash
# Lading engine sandbox: a throwaway Docker engine (+ registry, + optional
# Podman) on private paths, for tests, `npm run demo` and CI.
#
#   scripts/sandbox.sh start [--podman] [--no-fixtures]
#   scripts/sandbox.sh stop [--clean]
#   scripts/sandbox.sh engine-stop | engine-start
#   scripts/sandbox.sh env | status
#
# Everything lives under ${LADING_SANDBOX_DIR:-/tmp/lading-sandbox}; after
# `start`, `source "$LADING_SANDBOX_DIR/env"` gives DOCKER_HOST,
# LADING_SANDBOX_DIR, LADING_REGISTRY, the login-protected registry
# (LADING_AUTH_REGISTRY, LADING_AUTH_USER, LADING_AUTH_PASSWORD) and (when
# Podman runs) LADING_PODMAN_HOST.
# Processes are stopped only through the pid files this script wrote.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FIXTURES_SRC="$SCRIPT_DIR/fixtures"

DIR="${LADING_SANDBOX_DIR:-/tmp/lading-sandbox}"
[[ $DIR == /* ]] || DIR="$PWD/$DIR"
while [[ $DIR == */ && $DIR != / ]]; do DIR="${DIR%/}"; done
if [[ $DIR == / || $DIR =~ [[:space:]] ]]; then
  echo "sandbox: error: LADING_SANDBOX_DIR must be a directory path without spaces (got '$DIR')" >&2
  exit 1
fi

DOCKER_SOCK="$DIR/docker.sock"
PODMAN_SOCK="$DIR/podman.sock"
ENV_FILE="$DIR/env"
MARKER="$DIR/.lading-sandbox"
FIXTURES_DONE="$DIR/fixtures.done"
FIXTURES_LOG="$DIR/fixtures.log"
PING_TIMEOUT=30 # seconds
STOP_TIMEOUT=15 # seconds before SIGKILL

# A containerd namespace of our own: if a system containerd is running,
# dockerd uses it instead of starting a private one, and must then not share
# the "moby" namespace with the system Docker (or with another sandbox).
NS="lading-$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)"

DOCKERD_ARGS=(
  --host "unix://$DOCKER_SOCK"
  --data-root "$DIR/data"
  --exec-root "$DIR/exec"
  --pidfile "$DIR/docker.pid"
  --config-file "$DIR/daemon.json"
  --containerd-namespace "$NS"
  --containerd-plugins-namespace "$NS-plugins"
  --bridge=none --iptables=false --ip6tables=false --ip-forward=false
)

PODMAN_ARGS=(
  --root "$DIR/podman-root"
  --runroot "$DIR/podman-run"
  --tmpdir "$DIR/podman-tmp"
  --volumepath "$DIR/podman-root/volumes"
  --network-config-dir "$DIR/podman-net"
  --events-backend=file
  --cgroup-manager=cgroupfs
)
PODMAN_ENV=(
  "CONTAINERS_CONF=$DIR/containers.conf"
  "CONTAINERS_REGISTRIES_CONF=$DIR/registries.conf"
)

log() { printf 'sandbox: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  cat >&2 <<EOF
usage: scripts/sandbox.sh <command>
  start [--podman] [--no-fixtures]  start (or reuse) the sandbox stack, build fixtures
  stop [--clean]                    stop what start started; --clean also unmounts and deletes the dir
  engine-stop                       stop only dockerd (to test disconnection)
  engine-start                      start dockerd again and wait for it
  env                               print the env file (shell-sourceable export lines)
  status                            print which parts are up (exit 0 when dockerd and registry are up)
sandbox dir: $DIR (set LADING_SANDBOX_DIR to change)
EOF
}

need_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (try: sudo $0 $*)"
}

# ---------------------------------------------------------------- packages

busybox_is_static() {
  [[ -x /bin/busybox ]] || return 1
  local out
  out="$(LC_ALL=C ldd /bin/busybox 2>&1)" || true
  [[ $out == *"not a dynamic executable"* || $out == *"statically linked"* ]]
}

ensure_packages() {
  local with_podman=$1
  local -a pkgs=()
  command -v dockerd >/dev/null || pkgs+=(docker.io)
  command -v docker >/dev/null || pkgs+=(docker.io)
  command -v docker-registry >/dev/null || pkgs+=(docker-registry)
  busybox_is_static || pkgs+=(busybox-static)
  command -v skopeo >/dev/null || pkgs+=(skopeo)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v htpasswd >/dev/null || pkgs+=(apache2-utils)
  if [[ $with_podman == 1 ]]; then
    command -v podman >/dev/null || pkgs+=(podman)
  fi
  ((${#pkgs[@]})) || return 0
  mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
  command -v apt-get >/dev/null || die "missing ${pkgs[*]} and no apt-get to install them"
  log "installing ${pkgs[*]} (apt-get)"
  local aptlog
  aptlog="$(mktemp /tmp/lading-sandbox-apt.XXXXXX)"
  if ! { apt-get -o DPkg::Lock::Timeout=120 update &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y \
      "${pkgs[@]}"; } </dev/null >"$aptlog" 2>&1; then
    tail -n 20 "$aptlog" >&2
    die "apt-get failed (full log: $aptlog)"
  fi
  rm -f "$aptlog"
}

# ---------------------------------------------------------------- processes

# alive PID: the process exists and is not a zombie.
alive() {
  local pid=$1 stat
  [[ -r /proc/$pid/stat ]] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ ${stat:0:1} != Z ]]
}

# pid_of NAME: print the pid from $DIR/NAME.pid if that process is alive and
# belongs to this sandbox (its command line mentions $DIR), guarding against
# stale pid files and reused pids.
pid_of() {
  local file="$DIR/$1.pid" pid cmd
  [[ -s $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ $cmd == *"$DIR/"* ]] || return 1
  printf '%s\n' "$pid"
}

# spawn NAME LOGFILE CMD...: start CMD in its own session, detached from this
# script's stdin/stdout/stderr and lock fd, and record its pid in $DIR/NAME.pid
# (written by the process itself just before exec, so it is the daemon's pid).
spawn() {
  local name=$1 logfile=$2 pidfile="$DIR/$1.pid" i
  shift 2
  rm -f "$pidfile"
  printf '\n==== %s: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$logfile"
  # shellcheck disable=SC2016 # $0/$$/$@ belong to the inner shell
  setsid bash -c 'echo "$$" >"$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 9>&- &
  for ((i = 0; i < 50; i++)); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  die "$name did not start (see $logfile)"
}

# stop_names NAME...: SIGTERM each running process, wait up to STOP_TIMEOUT
# seconds for all of them, then SIGKILL what is left.
stop_names() {
  local name pid i
  local -a pids=() names=()
  for name in "$@"; do
    if pid="$(pid_of "$name")"; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$name")
    fi
  done
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    local left=0
    for pid in "${pids[@]}"; do alive "$pid" && left=1; done
    ((left)) || break
    sleep 0.1
  done
  for i in "${!pids[@]}"; do
    if alive "${pids[$i]}"; then
      log "${names[$i]} ignored SIGTERM for ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 50; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
  done
  for name in "$@"; do rm -f "$DIR/$name.pid"; done
}

log_tail() {
  log "last lines of $1:"
  tail -n 25 "$1" >&2 2>/dev/null || true
}

# ---------------------------------------------------------------- pings

curl_q() { curl --noproxy '*' -sf --max-time 2 -o /dev/null "$@"; }
docker_ping() { curl_q --unix-socket "$DOCKER_SOCK" http://d/_ping; }
podman_ping() { curl_q --unix-socket "$PODMAN_SOCK" http://d/_ping; }
registry_addr() { [[ -s $DIR/registry.port ]] && printf '127.0.0.1:%s\n' "$(<"$DIR/registry.port")"; }
registry_ping() {
  local addr
  addr="$(registry_addr)" || return 1
  curl_q "http://$addr/v2/"
}
auth_registry_addr() { [[ -s $DIR/registry-auth.port ]] && printf '127.0.0.1:%s\n' "$(<"$DIR/registry-auth.port")"; }
# The login-protected registry answers 401 to an anonymous /v2/.
auth_registry_ping() {
  local addr code
  addr="$(auth_registry_addr)" || return 1
  code="$(curl --noproxy '*' -s --max-time 2 -o /dev/null -w '%{http_code}' "http://$addr/v2/")" || return 1
  [[ $code == 401 ]]
}

# wait_up NAME PINGFN LOGFILE: wait until PINGFN succeeds, failing early if
# the process dies.
wait_up() {
  local name=$1 ping=$2 logfile=$3 i
  for ((i = 0; i < PING_TIMEOUT * 10; i++)); do
    "$ping" && return 0
    if ! pid_of "$name" >/dev/null; then
      log_tail "$logfile"
      die "$name exited during startup"
    fi
    sleep 0.1
  done
  log_tail "$logfile"
  die "$name did not answer within ${PING_TIMEOUT}s"
}

# ---------------------------------------------------------------- dockerd

start_dockerd() {
  if pid_of dockerd >/dev/null; then
    wait_up dockerd docker_ping "$DIR/dockerd.log"
    log "dockerd already running (pid $(pid_of dockerd))"
    return 0
  fi
  [[ -s $DIR/daemon.json ]] || echo '{}' >"$DIR/daemon.json"
  rm -f "$DIR/docker.pid" # a stale pid file of a dead dockerd may name a live pid
  # dockerd reuses the containerd named in this pid file while that pid
  # answers kill -0, which a not-yet-reaped zombie does (seen after a killed
  # dockerd where PID 1 does not reap): it then waits for a socket that never
  # comes. Drop the pid file unless that containerd really runs.
  local cpid_file="$DIR/exec/containerd/containerd.pid" cpid
  if [[ -f $cpid_file ]]; then
    cpid="$(<"$cpid_file")"
    if ! [[ $cpid =~ ^[0-9]+$ ]] || ! alive "$cpid"; then rm -f "$cpid_file"; fi
  fi
  log "starting dockerd ($(dockerd --version 2>/dev/null | sed 's/^Docker version //'))"
  spawn dockerd "$DIR/dockerd.log" dockerd "${DOCKERD_ARGS[@]}"
  wait_up dockerd docker_ping "$DIR/dockerd.log"
  log "dockerd ready on unix://$DOCKER_SOCK"
}

# Kill the sandbox engine's running containers first: on SIGTERM dockerd
# stops each one gracefully (10 s for one that ignores SIGTERM, like
# `sleep` as PID 1), which would make every stop slow.
kill_docker_containers() {
  pid_of dockerd >/dev/null && docker_ping || return 0
  command -v docker >/dev/null || return 0
  local -a ids=()
  mapfile -t ids < <(dk ps -q 2>/dev/null)
  ((${#ids[@]})) || return 0
  log "killing ${#ids[@]} running container(s)"
  dk kill "${ids[@]}" >/dev/null 2>&1 || true
}

stop_dockerd() {
  kill_docker_containers
  stop_names dockerd
  # dockerd stops the containerd it supervises; if dockerd had to be killed,
  # that containerd is left behind: stop it by its pid file too.
  local f="$DIR/exec/containerd/containerd.pid" pid cmd
  if [[ -s $f ]]; then
    pid="$(<"$f")"
    if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid"; then
      cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || cmd=""
      if [[ $cmd == *"$DIR/"* ]]; then
        printf '%s\n' "$pid" >"$DIR/containerd.pid"
        stop_names containerd
      fi
    fi
  fi
}

# ---------------------------------------------------------------- registry

# port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port i
  if command -v python3 >/dev/null &&
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null)" &&
    [[ $port =~ ^[0-9]+$ ]]; then
    printf '%s\n' "$port"
    return 0
  fi
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 12000))
    if ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  die "no free port found"
}

write_registry_config() {
  local port=$1
  cat >"$DIR/registry.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $DIR/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: lading-sandbox
EOF
}

# The login-protected registry: same program, its own storage, htpasswd
# (bcrypt) basic auth over plain HTTP on loopback.
AUTH_USER=lading
AUTH_PASSWORD=lading-sandbox-secret
write_auth_registry_config() {
  local port=$1
  if [[ ! -s $DIR/registry-auth.htpasswd ]]; then
    htpasswd -B -b -c "$DIR/registry-auth.htpasswd.tmp" "$AUTH_USER" "$AUTH_PASSWORD" 2>/dev/null ||
      die "htpasswd failed"
    mv -f "$DIR/registry-auth.htpasswd.tmp" "$DIR/registry-auth.htpasswd"
  fi
  cat >"$DIR/registry-auth.yml" <<EOC
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $DIR/registry-auth
  delete:
    enabled: true
auth:
  htpasswd:
    realm: lading-sandbox
    path: $DIR/registry-auth.htpasswd
http:
  addr: 127.0.0.1:$port
  secret: lading-sandbox
EOC
}

# start_registry_as NAME PINGFN CONFIGFN: start (or reuse) one registry
# process; its port lives in $DIR/NAME.port, its config in $DIR/NAME.yml.
start_registry_as() {
  local name=$1 ping=$2 configure=$3
  if pid_of "$name" >/dev/null; then
    wait_up "$name" "$ping" "$DIR/$name.log"
    log "$name already running on 127.0.0.1:$(<"$DIR/$name.port")"
    return 0
  fi
  mkdir -p "$DIR/$name"
  local attempt port
  for attempt in 1 2 3; do
    # Keep the port of an earlier run (local tags name it) unless it is taken
    # (it might even be another sandbox's registry, which would answer pings).
    port=""
    if [[ $attempt == 1 && -s $DIR/$name.port ]]; then
      port="$(<"$DIR/$name.port")"
      if ! [[ $port =~ ^[0-9]+$ ]] || port_in_use "$port"; then port=""; fi
    fi
    [[ -n $port ]] || port="$(free_port)"
    printf '%s\n' "$port" >"$DIR/$name.port"
    "$configure" "$port"
    log "starting $name on 127.0.0.1:$port"
    spawn "$name" "$DIR/$name.log" docker-registry serve "$DIR/$name.yml"
    local i
    for ((i = 0; i < PING_TIMEOUT * 10; i++)); do
      if "$ping"; then
        log "$name ready on 127.0.0.1:$port"
        return 0
      fi
      pid_of "$name" >/dev/null || break
      sleep 0.1
    done
    if pid_of "$name" >/dev/null; then
      log_tail "$DIR/$name.log"
      die "$name did not answer within ${PING_TIMEOUT}s"
    fi
    log "$name exited (port $port taken?), retrying"
  done
  log_tail "$DIR/$name.log"
  die "$name failed to start"
}

start_registry() { start_registry_as registry registry_ping write_registry_config; }
start_auth_registry() { start_registry_as registry-auth auth_registry_ping write_auth_registry_config; }

# ---------------------------------------------------------------- podman

# write_podman_config NOFILE NPROC
write_podman_config() {
  local nofile=$1 nproc=$2
  # Private containers.conf: file locks under our tmpdir instead of the
  # system-wide /dev/shm/libpod_lock, no journald, no systemd cgroups.
  cat >"$DIR/containers.conf" <<EOF
[engine]
lock_type = "file"
tmp_dir = "$DIR/podman-tmp"
image_copy_tmp_dir = "$DIR/podman-tmp"
events_logger = "file"
cgroup_manager = "cgroupfs"

[containers]
# No network by default, like the sandbox dockerd (--bridge=none): Podman's
# default bridge network would add a podman0 bridge and firewall rules to
# the host.
netns = "none"
# As root, Podman gives every container RLIMIT_NOFILE and RLIMIT_NPROC of
# 1048576; without CAP_SYS_RESOURCE (inside a container, some CI) and lower
# hard limits every run then fails with "error setting rlimit type 7" (or 6).
# Use the limits the Podman service itself runs with.
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
EOF
  # The sandbox registry is plain HTTP; Podman (unlike dockerd) does not
  # treat loopback registries as insecure by default.
  cat >"$DIR/registries.conf" <<EOF
unqualified-search-registries = []

[[registry]]
location = "$(registry_addr)"
insecure = true
EOF
}

# hard_limit PID "Max processes": a hard limit of a running process.
hard_limit() {
  local line
  line="$(grep -F "$2" "/proc/$1/limits" 2>/dev/null)" || return 1
  line="${line#"$2"}"
  read -r _ line _ <<<"$line"
  [[ $line =~ ^[0-9]+$ ]] && printf '%s\n' "$line"
}

spawn_podman() {
  rm -f "$PODMAN_SOCK"
  spawn podman "$DIR/podman.log" env "${PODMAN_ENV[@]}" \
    podman "${PODMAN_ARGS[@]}" system service --time=0 "unix://$PODMAN_SOCK"
  wait_up podman podman_ping "$DIR/podman.log"
}

start_podman() {
  if pid_of podman >/dev/null; then
    wait_up podman podman_ping "$DIR/podman.log"
    log "podman already running (pid $(pid_of podman))"
    return 0
  fi
  mkdir -p "$DIR/podman-root" "$DIR/podman-run" "$DIR/podman-tmp" "$DIR/podman-net"
  # Podman runs with a lower RLIMIT_NPROC than its parent (32768 here, which
  # is kernel.pid_max here); start
  # from min(hard limit, pid_max) and correct from the running service below.
  local nofile nproc pidmax
  nofile="$(ulimit -Hn)"
  [[ $nofile =~ ^[0-9]+$ ]] || nofile=1048576
  nproc="$(ulimit -Hu)"
  pidmax="$(cat /proc/sys/kernel/pid_max 2>/dev/null)" || pidmax=32768
  [[ $nproc =~ ^[0-9]+$ ]] && ((nproc < pidmax)) || nproc=$pidmax
  write_podman_config "$nofile" "$nproc"
  log "starting podman system service ($(podman --version 2>/dev/null))"
  spawn_podman
  local pid real_nofile real_nproc
  pid="$(pid_of podman)"
  real_nofile="$(hard_limit "$pid" 'Max open files')" || real_nofile=$nofile
  real_nproc="$(hard_limit "$pid" 'Max processes')" || real_nproc=$nproc
  if ((real_nofile < nofile || real_nproc < nproc)); then
    log "podman runs with nofile=$real_nofile nproc=$real_nproc; restarting it with those container limits"
    stop_names podman
    write_podman_config "$((real_nofile < nofile ? real_nofile : nofile))" \
      "$((real_nproc < nproc ? real_nproc : nproc))"
    spawn_podman
  fi
  log "podman ready on unix://$PODMAN_SOCK"
}

stop_podman_containers() {
  # Containers Podman runs are supervised by conmon, which outlives the API
  # service; stop them (in our private storage only) before the service.
  pid_of podman >/dev/null || return 0
  command -v podman >/dev/null || return 0
  env "${PODMAN_ENV[@]}" podman "${PODMAN_ARGS[@]}" stop --all --time 0 \
    </dev/null >>"$DIR/podman.log" 2>&1 || true
}

# ---------------------------------------------------------------- env

write_env() {
  local tmp="$ENV_FILE.tmp"
  {
    printf 'export DOCKER_HOST=%q\n' "unix://$DOCKER_SOCK"
    printf 'export LADING_SANDBOX_DIR=%q\n' "$DIR"
    printf 'export LADING_REGISTRY=%q\n' "$(registry_addr)"
    printf 'export LADING_AUTH_REGISTRY=%q\n' "$(auth_registry_addr)"
    printf 'export LADING_AUTH_USER=%q\n' "$AUTH_USER"
    printf 'export LADING_AUTH_PASSWORD=%q\n' "$AUTH_PASSWORD"
    if pid_of podman >/dev/null; then
      printf 'export LADING_PODMAN_HOST=%q\n' "unix://$PODMAN_SOCK"
    fi
  } >"$tmp"
  mv -f "$tmp" "$ENV_FILE"
}

# ---------------------------------------------------------------- fixtures

# dk ARGS...: the docker CLI aimed at the sandbox only, with a private client
# config (no credential helpers, contexts or API pinning from the caller).
dk() {
  env -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH -u DOCKER_API_VERSION \
    DOCKER_HOST="unix://$DOCKER_SOCK" DOCKER_CONFIG="$DIR/docker-config" DOCKER_BUILDKIT=0 \
    docker "$@"
}

# fx ARGS...: dk, output to the fixtures log, fail with its tail.
fx() {
  printf '+ docker %s\n' "$*" >>"$FIXTURES_LOG"
  if ! dk "$@" </dev/null >>"$FIXTURES_LOG" 2>&1; then
    log_tail "$FIXTURES_LOG"
    die "fixture step failed: docker $*"
  fi
}

fx_build() { # fx_build TAG DOCKERFILE
  # RUN steps work without it too (checked on --bridge=none); none keeps
  # builds off any network whatever the engine's defaults.
  fx build --quiet --network=none --force-rm -t "$1" -f "$FIXTURES_SRC/$2" "$FIXTURES_SRC"
}

build_base_image() {
  if dk image inspect fixture/busybox:1 >/dev/null 2>&1; then
    return 0
  fi
  local root
  root="$(mktemp -d "$DIR/busybox-rootfs.XXXXXX")"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/"
  local applet
  for applet in sh ls cat echo env sleep true; do ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf '+ docker import fixture/busybox:1\n' >>"$FIXTURES_LOG"
  if ! tar -C "$root" -c . | dk import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'LABEL lading.fixture=busybox' \
    -c 'CMD ["sh"]' \
    -m 'lading fixture base: static busybox' \
    - fixture/busybox:1 >>"$FIXTURES_LOG" 2>&1; then
    rm -rf "$root"
    log_tail "$FIXTURES_LOG"
    die "fixture step failed: docker import"
  fi
  rm -rf "$root"
}

build_fixtures() {
  local reg
  reg="$(registry_addr)"
  if [[ -f $FIXTURES_DONE && "$(<"$FIXTURES_DONE")" == "$reg" ]] &&
    dk image inspect fixture/busybox:1 >/dev/null 2>&1; then
    log "fixtures already built"
    return 0
  fi
  [[ -d $FIXTURES_SRC ]] || die "missing $FIXTURES_SRC"
  command -v docker >/dev/null || die "docker CLI not found"
  log "building fixture images"
  local t0=$SECONDS
  rm -f "$FIXTURES_DONE"
  mkdir -p "$DIR/docker-config"
  : >"$FIXTURES_LOG"

  build_base_image
  fx tag fixture/busybox:1 fixture/busybox:latest
  fx tag fixture/busybox:1 fixture/busybox:stable

  fx_build fixture/app:1.0 app-1.0.Dockerfile
  fx_build fixture/app:2.0 app-2.0.Dockerfile
  fx_build fixture/web:latest web.Dockerfile
  fx_build fixture/layers:many layers.Dockerfile
  fx_build fixture/big:1 big.Dockerfile
  # Same tag twice: the first image loses it and stays as <none>:<none>.
  fx_build fixture/dangling:temp dangling-old.Dockerfile
  fx_build fixture/dangling:temp dangling-new.Dockerfile

  # An image in use by a (created, never started) container.
  if dk container inspect lading-fixture-user >/dev/null 2>&1; then
    fx rm -f lading-fixture-user
  fi
  fx create --name lading-fixture-user --label lading.fixture=user fixture/app:1.0 sleep 3600

  # Registry copy; drop tags naming an older sandbox registry port.
  local ref
  while read -r ref; do
    if [[ $ref == 127.0.0.1:*/team/app:1.0 && $ref != "$reg/team/app:1.0" ]]; then
      fx rmi "$ref"
    fi
  done < <(dk images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null)
  fx tag fixture/app:1.0 "$reg/team/app:1.0"
  fx push "$reg/team/app:1.0"

  printf '%s\n' "$reg" >"$FIXTURES_DONE"
  log "fixtures built in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- mounts

# Mount points at or under $DIR, deepest (latest) first.
mounts_under_dir() {
  local _dev mnt _rest
  while read -r _dev mnt _rest; do
    mnt="$(printf '%b' "$mnt")" # /proc/mounts escapes spaces etc. as \040
    if [[ $mnt == "$DIR" || $mnt == "$DIR/"* ]]; then printf '%s\n' "$mnt"; fi
  done </proc/mounts | tac
}

unmount_all() {
  local mnt
  for _ in 1 2 3; do
    local -a mnts=()
    mapfile -t mnts < <(mounts_under_dir)
    ((${#mnts[@]})) || return 0
    for mnt in "${mnts[@]}"; do
      umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
    done
  done
  mapfile -t mnts < <(mounts_under_dir)
  ((${#mnts[@]} == 0)) || die "could not unmount: ${mnts[*]}"
}

# ---------------------------------------------------------------- commands

lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/.lock"
  flock -w 300 9 || die "timed out waiting for another sandbox.sh on $DIR"
}

cmd_start() {
  local with_podman=0 fixtures=1 arg
  for arg in "$@"; do
    case $arg in
    --podman) with_podman=1 ;;
    --no-fixtures) fixtures=0 ;;
    *) die "start: unknown option $arg" ;;
    esac
  done
  need_root start
  ensure_packages "$with_podman"
  ((${#DIR} <= 70)) || log "warning: long sandbox path; unix socket paths under it may exceed 108 bytes"
  lock
  touch "$MARKER"
  start_dockerd
  start_registry
  start_auth_registry
  if ((with_podman)); then start_podman; fi
  write_env
  if ((fixtures)); then build_fixtures; fi
  log "ready: source $ENV_FILE"
}

cmd_stop() {
  local clean=0 arg
  for arg in "$@"; do
    case $arg in
    --clean) clean=1 ;;
    *) die "stop: unknown option $arg" ;;
    esac
  done
  need_root stop
  if [[ ! -d $DIR ]]; then
    log "nothing to stop ($DIR does not exist)"
    return 0
  fi
  lock
  stop_podman_containers
  kill_docker_containers
  stop_names podman registry registry-auth dockerd
  stop_dockerd # supervised containerd left behind by a killed dockerd, if any
  if ((clean)); then
    [[ $DIR != / && -f $MARKER ]] || die "refusing to delete $DIR: it has no $MARKER"
    unmount_all
    rm -rf "$DIR"
    log "removed $DIR"
  fi
  log "stopped"
}

cmd_engine_stop() {
  need_root engine-stop
  [[ -d $DIR ]] || die "$DIR does not exist"
  lock
  if ! pid_of dockerd >/dev/null; then
    log "dockerd is not running"
    return 0
  fi
  stop_dockerd
  log "dockerd stopped"
}

cmd_engine_start() {
  need_root engine-start
  command -v dockerd >/dev/null || die "dockerd not installed (run start first)"
  lock
  touch "$MARKER"
  start_dockerd
}

cmd_env() {
  [[ -s $ENV_FILE ]] || die "no $ENV_FILE (run: $0 start)"
  cat "$ENV_FILE"
}

cmd_status() {
  local pid rc=0
  printf '%-9s %s\n' dir "$DIR"
  if pid="$(pid_of dockerd)" && docker_ping; then
    printf '%-9s up    pid %-8s unix://%s\n' dockerd "$pid" "$DOCKER_SOCK"
  else
    printf '%-9s down\n' dockerd
    rc=1
  fi
  if pid="$(pid_of registry)" && registry_ping; then
    printf '%-9s up    pid %-8s %s\n' registry "$pid" "$(registry_addr)"
  else
    printf '%-9s down\n' registry
    rc=1
  fi
  if pid="$(pid_of registry-auth)" && auth_registry_ping; then
    printf '%-9s up    pid %-8s %s (login)\n' registry "$pid" "$(auth_registry_addr)"
  else
    printf '%-9s down (login)\n' registry
    rc=1
  fi
  if pid="$(pid_of podman)" && podman_ping; then
    printf '%-9s up    pid %-8s unix://%s\n' podman "$pid" "$PODMAN_SOCK"
  else
    printf '%-9s down\n' podman
  fi
  if [[ -f $FIXTURES_DONE ]]; then
    printf '%-9s built\n' fixtures
  else
    printf '%-9s not built\n' fixtures
  fi
  return "$rc"
}

main() {
  local cmd="${1:-}"
  (($#)) && shift
  case $cmd in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  engine-stop) cmd_engine_stop "$@" ;;
  engine-start) cmd_engine_start "$@" ;;
  env) cmd_env "$@" ;;
  status) cmd_status "$@" ;;
  -h | --help | help)
    usage
    ;;
  *)
    usage
    exit 2
    ;;
  esac
}

main "$@"
