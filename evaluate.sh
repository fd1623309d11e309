#!/usr/bin/env bash
# Regenerates docs/EVALUATION.md and docs/evaluation-*.png from the simulator (deterministic: same
# seed, same bytes); CSVs go to examples/target/evaluation/.
#   ./evaluate.sh                      the simulator report
#   ./evaluate.sh real                 real loopback sockets under the agent (builds the agent jar)
#   ./evaluate.sh attack --table-size 256 --noise 0 --rekey-ms 0
#   ./evaluate.sh report --set workload.connections=50000   (any key of evaluation.properties)
set -euo pipefail
cd "$(dirname "$0")"

modules=examples
if [ "${1:-report}" = real ]; then
  modules=examples,agent
fi
mvn -B -q -pl "$modules" -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
classpath="examples/target/classes:$(cat examples/target/classpath.txt)"

if [ $# -eq 0 ]; then
  set -- report
fi
exec java -Djava.awt.headless=true -cp "$classpath" io.portalgo.examples.evaluation.Evaluate "$@"
