#!/usr/bin/env bash
# Reproduces docs/benchmarks/llm-core.md: one JVM per configuration so that peak RSS is per run.
# Usage: benchmarks/run-llm-core.sh [timedSteps] [threads]
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${1:-5}"
threads="${2:-2}"
./mvnw -B -q -pl benchmarks -am install -DskipTests
./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/llm-core.classpath
cp="benchmarks/target/classes:$(cat benchmarks/target/llm-core.classpath)"
for size in small large; do
  for mode in lora qlora full; do
    OMP_NUM_THREADS="$threads" java -Xmx12g -cp "$cp" \
      io.llmtwin.benchmarks.llmcore.LlmTrainingBenchmark "$size" "$mode" "$steps" "$threads"
  done
done
