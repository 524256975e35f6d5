#!/usr/bin/env bash
# Runs the side-by-side comparison in ONE run (raw HttpClient, the OpenAI SDK, M.E.AI's OpenAI adapter over it, and
# DeepSeekChatClient: non-stream chat; streams of 400 and 4,000 chunks; a 20,000-character Chinese prompt, time and
# request bytes; the routing decision over the full catalog; the same calls without sockets), then memory per idle
# open stream with 1,000 concurrent streams, in-process, in about ten minutes on a 2-core machine. Each case gets 15
# warm-up and 20 measured iterations of 250 ms: with ShortRun's 3 the OpenAI SDK was still being tiered up by the JIT
# (its non-stream call fell from ~75 to ~43 us over 20 iterations), which made its time look far worse than it is.
# Two transport floors run beside the clients (HttpClient sending canned bytes; one socket): no client can go under them.
# Results: BenchmarkDotNet.Artifacts/results/*-report-github.md beside this script, and the console.
#
#   ./run-comparison.sh            the comparison above
#   ./run-comparison.sh --all      also throughput at 1/16/256 callers, SSE parsing per event, cost computation
#   ./run-comparison.sh --dry      one cold invocation of each case (checks the setup, measures nothing)
#
# Where a non-stream call's bytes go, by type (the runtime's allocation samples):
#   dotnet bin/Release/net10.0/ChineseLlm.Client.Benchmarks.dll --allocations raw|sdk|ours|keyed [memory|loopback] [calls]
# With CHINESELLM_BENCH_STUB=<address of a stub started with --serve>, the loopback cases call a stub in another
# process, so only the client's own allocations are counted.
#
# Benchmarks share the CPU with everything else on the machine: check `uptime` first and run when the load is low.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

job_args=(--warmupCount 15 --iterationCount 20)
filters=('*ChatCompletionBenchmarks*' '*StreamingBenchmarks*' '*ChinesePromptBenchmarks*' '*RoutingBenchmarks*' '*ClientOverheadBenchmarks*')
open_streams=1000
for arg in "$@"; do
  case "$arg" in
    --all) filters=('*') ;;
    --dry) job_args=(--job Dry); open_streams=10 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

echo "load before: $(uptime)"
dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet bin/Release/net10.0/ChineseLlm.Client.Benchmarks.dll \
  --filter "${filters[@]}" "${job_args[@]}" --iterationTime 250 --inProcess --artifacts BenchmarkDotNet.Artifacts --exporters github
echo "load between: $(uptime)"
dotnet bin/Release/net10.0/ChineseLlm.Client.Benchmarks.dll --open-streams "$open_streams"
echo "load after: $(uptime)"
