#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ (Debian package afl++) and SharpFuzz, for a bounded time.
# usage: tests/Fuzz/fuzz.sh loss|idx|mat|definition [SECONDS]
# New-coverage inputs and crashes are copied into tests/Fuzz/corpus/TARGET, which FuzzCorpusTests replays.
set -euo pipefail
target=$1; seconds=${2:-120}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz missing: apt-get install afl++" >&2; exit 2; }
[ -x "$work/tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
dotnet build "$here/LossSearch.Fuzz.csproj" -c Release -o "$work/bin" >/dev/null
for assembly in LossSearch.Learning.dll LossSearch.Workflows.dll; do "$work/tools/sharpfuzz" "$work/bin/$assembly"; done
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
afl-fuzz -i "$here/corpus/$target" -o "$work/out" -t 10000 -m none -V "$seconds" -- dotnet "$work/bin/losssearch-fuzz.dll" "$target" >"$work/afl.log" 2>&1 || true
grep -E "run_time|execs_done|corpus_count|saved_crashes|saved_hangs" "$work/out/default/fuzzer_stats"
n=0
for kind in queue crashes hangs; do
  for f in "$work/out/default/$kind"/id:*; do
    [ -e "$f" ] || continue
    n=$((n + 1)); cp "$f" "$here/corpus/$target/$kind-$(date +%s)-$n"
  done
done
echo "$n inputs kept in $here/corpus/$target"
rm -rf "$work"
