#!/usr/bin/env bash
# Builds the agent, core, the extension and the benchmark harness (one reactor, nothing installed into ~/.m2),
# then runs the benchmarks and writes bench/results.md. Usage: bench/run.sh [--quick] [--only=1,2,3,4,5]
# See bench/README.md.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "[bench] building the agent, core, junit-extension and the harness ..." >&2
mvn -B -q -f "$bench/pom.xml" -Dmaven.test.skip=true package
echo "[bench] load average: $(cut -d' ' -f1-3 /proc/loadavg) (timings are not trustworthy above ~1.5 on 2 cores)" >&2
# the JDK measured: $JAVA_HOME's when set (e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh), else java
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Dbench.home="$bench" -cp "$bench/harness/target/classes:$bench/harness/target/lib/*" \
  io.github.authenticity.bench.BenchMain "$@"
