#!/usr/bin/env bash
# Builds the JNI library JniLibc loads on JDK 17-21 (Linux x86_64 and aarch64) from authenticity-libc.c and
# writes it under core/src/main/resources, where it is committed. Run it after changing the C file:
# JniLibcTests fails while the committed libraries were built from another version of it.
# Needs gcc, and for aarch64 gcc-aarch64-linux-gnu (Debian: apt-get install gcc-aarch64-linux-gnu).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source="$here/authenticity-libc.c"
out="$here/../resources/io/github/authenticity/core/detect/native"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
sha="$(sha256sum "$source" | cut -d' ' -f1)"
build() { # compiler, os.arch
  mkdir -p "$out/linux-$2"
  "$1" -shared -fPIC -O2 -s -Wall -Werror -std=c11 -D_GNU_SOURCE -DSOURCE_SHA256="\"$sha\"" \
    -I"$java_home/include" -I"$java_home/include/linux" -Wl,--build-id=none \
    -o "$out/linux-$2/libauthenticity-libc.so" "$source"
  echo "built $out/linux-$2/libauthenticity-libc.so ($("$1" -dumpfullversion), source $sha)"
}
build gcc amd64
build aarch64-linux-gnu-gcc aarch64
