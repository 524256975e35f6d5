#!/usr/bin/env bash
# Runs the side-by-side comparison (raw HttpClient vs OpenAI SDK vs DeepSeekChatClient: non-stream chat, a 400-chunk
# stream, throughput at 1/16/256 callers) with BenchmarkDotNet's ShortRun job, in-process, in under 3 minutes on a
# 2-core machine. Results: BenchmarkDotNet.Artifacts/results/*-report-github.md beside this script.
#
#   ./run-comparison.sh            the comparison (Chat, Stream, client overhead without sockets, Throughput)
#   ./run-comparison.sh --all      also SSE parsing per event, cost computation and the routing decision
#   ./run-comparison.sh --dry      one cold invocation of each case (checks the setup, measures nothing)
#
# Benchmarks share the CPU with everything else on the machine: check `uptime` first and run when the load is low.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

job=Short
filters=('*ChatCompletionBenchmarks*' '*StreamingBenchmarks*' '*ClientOverheadBenchmarks*' '*ThroughputBenchmarks*')
for arg in "$@"; do
  case "$arg" in
    --all) filters=('*') ;;
    --dry) job=Dry ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

echo "load before: $(uptime)"
dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet bin/Release/net10.0/ChineseLlm.Client.Benchmarks.dll \
  --filter "${filters[@]}" --job "$job" --iterationTime 250 --inProcess --artifacts BenchmarkDotNet.Artifacts --exporters github
echo "load after: $(uptime)"
