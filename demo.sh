#!/usr/bin/env bash
# The README's main job: builds the agent, then runs one small ordinary program (PortDemo) under
# it once per algorithm and prints the ports each algorithm chose. Needs Java 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q -DskipTests -pl agent,examples -am package
agent=agent/target/portalgo-agent.jar
classes=examples/target/classes
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

echo "portalgo demo: 4 connections to each of two loopback servers A and B (alternating), then 4 UDP sends."
echo "Each line is one JVM started with -javaagent:$agent=algorithm=<id>; the ports are what getLocalPort() returned."
echo
for algorithm in bsd random_start random_pick hash doublehash randinc; do
  "$java" "-javaagent:$agent=algorithm=$algorithm,rekey=0,log.level=warn" -cp "$classes" \
    io.portalgo.examples.demo.PortDemo "$algorithm"
done
echo
echo "Default settings (TCP doublehash hardened as Linux, UDP random_pick), with the agent's start-up line:"
"$java" "-javaagent:$agent" -cp "$classes" io.portalgo.examples.demo.PortDemo defaults 2>&1
echo
echo "Without the agent (the kernel's choice):"
"$java" -cp "$classes" io.portalgo.examples.demo.PortDemo kernel
