#!/usr/bin/env bash
# Starts a local Docker engine and builds the image authenticity/busybox:local that the `docker` profile uses.
# Idempotent: what is already there is kept. Must run as root. No registry is needed (the image is imported
# from the busybox-static binary). Afterwards run the tests with
#   TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true mvn -B verify -pl junit-extension -am -Pdocker
set -euo pipefail

IMAGE=authenticity/busybox:local
LOG=${DOCKERD_LOG:-/tmp/dockerd.log}

fail() {
  echo "setup-docker: FAILED: $*" >&2
  exit 1
}

say() {
  echo "setup-docker: $*"
}

[ "$(id -u)" = 0 ] || fail "must run as root (it installs packages and starts dockerd); run it with sudo"

if ! command -v dockerd > /dev/null || [ ! -x /bin/busybox ]; then
  say "installing docker.io and busybox-static with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y docker.io busybox-static > /tmp/setup-docker-apt.log 2>&1 \
    || { say "apt-get install failed; running apt-get update and trying again"; apt-get update > /tmp/setup-docker-apt.log 2>&1 \
      && apt-get install -y docker.io busybox-static >> /tmp/setup-docker-apt.log 2>&1; } \
    || fail "apt-get could not install docker.io busybox-static; see /tmp/setup-docker-apt.log"
else
  say "dockerd and /bin/busybox are installed"
fi

if docker info > /dev/null 2>&1; then
  say "a Docker engine already answers"
else
  say "starting dockerd in the background (log: $LOG)"
  nohup dockerd > "$LOG" 2>&1 &
  echo $! > /tmp/dockerd.pid
  for _ in $(seq 1 60); do
    docker info > /dev/null 2>&1 && break
    kill -0 "$(cat /tmp/dockerd.pid)" 2> /dev/null || fail "dockerd exited; last lines of $LOG:
$(tail -n 20 "$LOG")"
    sleep 0.5
  done
  docker info > /dev/null 2>&1 || fail "dockerd does not answer after 30 s; last lines of $LOG:
$(tail -n 20 "$LOG")"
  say "dockerd is up (pid $(cat /tmp/dockerd.pid); stop it with: kill \$(cat /tmp/dockerd.pid))"
fi

if docker image inspect "$IMAGE" > /dev/null 2>&1; then
  say "image $IMAGE exists"
else
  say "building image $IMAGE from /bin/busybox"
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/www"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in sh ls cat echo mkdir sleep httpd nc wget env; do
    ln -s busybox "$rootfs/bin/$applet"
  done
  echo ok > "$rootfs/www/health"
  tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' - "$IMAGE" > /dev/null \
    || fail "docker import of $IMAGE failed"
fi

say "checking $IMAGE: $(docker run --rm "$IMAGE" sh -c 'echo busybox runs') "
say "ready; run the tests with TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true"
