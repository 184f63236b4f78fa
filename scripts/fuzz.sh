#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a while: `make fuzz-smoke` (short, part
# of `make test`) and `make fuzz` (long, on demand). See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]
#
# SECONDS per target defaults to $FUZZ_SECONDS, else 600. Each target starts from its committed
# seeds (Fuzz/Corpus/<target>) plus what earlier runs in $FUZZ_WORK found. Crashes, hangs
# (-timeout), leaks and out-of-memory inputs are saved under $FUZZ_WORK/artifacts/<target>/;
# the script prints one verdict line per target and exits 1 if any target found something.
#
# Environment: FUZZ_SECONDS, FUZZ_WORK (default: a fresh /tmp/aureus-fuzz.XXXXXX, removed when
# nothing was found), FUZZ_CONFIG (release | debug, default release), FUZZ_JOBS (build jobs).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${FUZZ_SECONDS:-600}}
shift $(($# > 0 ? 1 : 0))
all_targets=(FuzzJSONRPC FuzzNeuralFrame FuzzWebhookVerify FuzzWebhookNormalise FuzzWAV FuzzMAT FuzzTOML FuzzApprovalPolicy FuzzTheme)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
config=${FUZZ_CONFIG:-release}
jobs=${FUZZ_JOBS:-$(nproc)}

# -sanitize=fuzzer links libFuzzer, address adds ASan (and LeakSanitizer); lld because gold
# crashes reporting libFuzzer's duplicate main. Everything sits in Fuzz/.build, away from the
# main package's build.
echo "fuzz: building ${#targets[@]} targets ($config, -sanitize=fuzzer,address)"
build_log=$(mktemp /tmp/aureus-fuzz-build.XXXXXX)
if ! "${SWIFT:-swift}" build --package-path Fuzz -c "$config" -j "$jobs" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >"$build_log" 2>&1; then
    grep -v "Cannot export local symbol" "$build_log" | tail -40
    rm -f "$build_log"
    echo "fuzz: build failed"
    exit 1
fi
rm -f "$build_log"
bin=Fuzz/.build/$config

keep_work=${FUZZ_WORK:+yes}
work=${FUZZ_WORK:-$(mktemp -d /tmp/aureus-fuzz.XXXXXX)}
mkdir -p "$work"
# The recording harnesses write each input to a scratch file here (see RecordingHarness).
export AUREUS_FUZZ_SCRATCH=$work/scratch
# Swift's own crash backtracer reads the dying process's memory, which ASan reports as a second,
# misleading error; libFuzzer and ASan print the stack instead.
export SWIFT_BACKTRACE=enable=no
mkdir -p "$AUREUS_FUZZ_SCRATCH"

failed=0
verdicts=()
for target in "${targets[@]}"; do
    corpus=$work/corpus/$target
    artifacts=$work/artifacts/$target
    log=$work/$target.log
    mkdir -p "$corpus" "$artifacts"
    status=0
    # New inputs go to the first folder (the work corpus); the committed seeds are read only.
    "$bin/$target" "$corpus" "Fuzz/Corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    found=$(find "$artifacts" -type f | head -1)
    if [ "$status" -eq 0 ] && [ -z "$found" ]; then
        verdict="$target: ok, ${runs:-?} runs in ${seconds} s (${rate:-?} exec/s), work corpus $(find "$corpus" -type f | wc -l) inputs"
    else
        failed=1
        what=$(grep -m1 -oE "ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z-]+( [a-z-]+)*|Fatal error: .*|timeout after [0-9]+ seconds" "$log" || echo "exit status $status")
        verdict="$target: FAILED ($what) after ${runs:-?} runs; input ${found:-none saved}, log $log"
    fi
    verdicts+=("$verdict")
    echo "fuzz: $verdict"
done

rm -rf "$AUREUS_FUZZ_SCRATCH"
echo "fuzz: summary"
printf '  %s\n' "${verdicts[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzz: findings kept in $work (reproduce: $bin/<target> <input>)"
    exit 1
fi
if [ -z "$keep_work" ]; then rm -rf "$work"; fi
