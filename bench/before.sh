#!/usr/bin/env bash
# Builds the shaded extension jar of an earlier commit (in a temporary git worktree, nothing installed into
# ~/.m2) and prints its path, for bench/run.sh --before=JAR (scenario 6: this build against that one, in one
# run). When that commit has the agent module, its shaded agent jar is kept beside it (authenticity-agent.jar)
# and scenario 6 runs that build with its own -javaagent, as prepare-agent would.
# Usage: bench/before.sh <commit>   e.g. bench/run.sh --only=6 --before="$(bench/before.sh HEAD~3)"
set -euo pipefail
rev="${1:?usage: bench/before.sh <commit>}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sha="$(git -C "$repo" rev-parse --short "$rev")"
out="$repo/bench/target/before/$sha"
jar="$out/authenticity-junit-extension.jar"
if [[ ! -f "$jar" ]]; then
  tree="$(mktemp -d)"
  trap 'git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$tree"' EXIT
  git -C "$repo" worktree add --detach "$tree" "$sha" >/dev/null 2>&1
  echo "[before] building the extension at $sha ..." >&2
  mvn -B -q -f "$tree/pom.xml" -pl junit-extension -am -DskipTests -Dinvoker.skip=true package >&2
  mkdir -p "$out"
  # the shaded jars: not original-*, -sources, -javadoc
  for built in "$tree"/junit-extension/target/authenticity-junit-extension-*.jar; do
    case "$built" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) cp "$built" "$jar" ;; esac
  done
  for built in "$tree"/agent/target/authenticity-agent-*.jar; do
    case "$built" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) [[ -f "$built" ]] && cp "$built" "$out/authenticity-agent.jar" ;; esac
  done
fi
echo "$jar"
