#!/usr/bin/env bash
# System calls the agent adds per operation, counted with strace -f -c: the difference between a
# run of 4,000 and one of 1,000 operations (start-up and JIT cancel out), per system call, without
# and with the agent, for the TCP connect and the UDP send of ConnectLoops.
# Usage: benchmarks/syscalls.sh [java] [agent arguments]   (after mvn -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
java="${1:-java}"
arguments="${2:-}"
if ! command -v strace >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace >/dev/null
fi
jar=agent/target/portalgo-agent.jar
classes=benchmarks/target/classes
[ -f "$jar" ] && [ -d "$classes" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for kind in tcp udp; do
  for side in without with; do
    agent=()
    if [ "$side" = with ]; then agent=("-javaagent:$jar${arguments:+=$arguments}"); fi
    for ops in 1000 4000; do
      strace -f -c -o "$out/$kind-$side-$ops" "$java" "${agent[@]}" -cp "$classes" \
        io.portalgo.benchmarks.overhead.ConnectLoops "$kind" 0 "$ops" >/dev/null 2>&1
    done
  done
done
python3 - "$out" <<'PY'
import sys, os
out = sys.argv[1]
def calls(path):
    counts = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != 'total':
            counts[parts[-1]] = int(parts[3])
    return counts
# The calls a socket operation makes; the rest (futex, gettid, mprotect, ...) come from the JIT
# and GC threads and vary from run to run with or without the agent.
SOCKET = {'socket', 'bind', 'connect', 'listen', 'accept', 'accept4', 'getsockname', 'getpeername',
          'getsockopt', 'setsockopt', 'sendto', 'recvfrom', 'sendmsg', 'recvmsg', 'read', 'write',
          'close', 'shutdown', 'poll', 'ppoll', 'fcntl', 'ioctl', 'dup2', 'dup3'}
for kind in ('tcp', 'udp'):
    per_op = {}
    for side in ('without', 'with'):
        small, large = calls(f'{out}/{kind}-{side}-1000'), calls(f'{out}/{kind}-{side}-4000')
        per_op[side] = {name: (large.get(name, 0) - small.get(name, 0)) / 3000 for name in set(small) | set(large)}
    def total(side, names):
        return sum(v for k, v in per_op[side].items() if k in names)
    names = set(per_op['without']) | set(per_op['with'])
    socket_names = names & SOCKET
    print(f'{kind}: socket system calls per operation: without {total("without", socket_names):.2f}, '
          f'with {total("with", socket_names):.2f}, added by the agent {total("with", socket_names) - total("without", socket_names):+.2f}')
    for name in sorted(socket_names):
        a, b = per_op['without'].get(name, 0), per_op['with'].get(name, 0)
        print(f'  {name:12s} {a:6.2f} -> {b:6.2f} ({b - a:+.2f})')
    other = names - SOCKET
    print(f'  (other calls, JIT/GC threads: without {total("without", other):.2f}, with {total("with", other):.2f})')
PY
