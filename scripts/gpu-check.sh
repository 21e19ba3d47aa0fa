#!/usr/bin/env bash
# Proves the CUDA path on a machine with an NVIDIA GPU, as one command (well under 10 minutes):
#   1. builds the CLI with -p:TorchBackend=cuda (or says precisely what is missing and stops), or, with
#      --bundle FILE (made by scripts/gpu-bundle.sh), unpacks a prebuilt CLI with its own .NET runtime and
#      runs it on the machine's libtorch (--libtorch DIR, default: the PyTorch that python3 imports);
#   2. on cuda: a short WRN-16-4 training with cutout and one with mixup, a 3-candidate loss search,
#      and a training cancelled (SIGINT) after its first checkpoint and then resumed to the end;
#   3. prints one JSON document on stdout: timings, images/s and the achieved FLOP/s of the WRN steps
#      against the device's FP32 peak (datasheet value by GPU name, null when the name is unknown).
#      A stage that fails prints {"ok": false, "stage", "reason", "details": [its last log lines]} instead.
# Progress goes to stderr. --rehearse-on-cpu runs every stage on the CPU with tiny sizes, to check the script
# itself on a machine without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=cuda device=cuda steps=60 n=6400 candidate_steps=40 bundle="" libtorch=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rehearse-on-cpu) backend=cpu device=cpu steps=4 n=512 candidate_steps=4 ;;
    --bundle) bundle=$(realpath "${2:?--bundle needs a FILE}"); shift ;;
    --libtorch) libtorch=$(realpath "${2:?--libtorch needs a DIR}"); shift ;;
    *) echo "gpu-check: unknown argument '$1' (--rehearse-on-cpu, --bundle FILE, --libtorch DIR)" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$libtorch" ] && [ -z "$bundle" ]; then echo "gpu-check: --libtorch needs --bundle (a build carries its own libtorch)" >&2; exit 2; fi
work=$(mktemp -d /tmp/losssearch-gpu-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
say() { echo "gpu-check: $*" >&2; }
now() { date +%s.%N; }
json_lines() { # stdin's non-empty lines as a JSON array, terminal colours removed
  python3 -c 'import json, re, sys; sys.stdin.reconfigure(errors="replace"); print(json.dumps([re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", l).rstrip() for l in sys.stdin if l.strip()]))'
}
fail() { # stage, reason, details (JSON array)
  printf '{"ok": false, "stage": "%s", "reason": "%s", "details": %s, "libtorch": %s}\n' "$1" "$2" "${3:-[]}" "${libtorch_report:-null}"
  exit 1
}
# stage NAME OUTPUT COMMAND...: stdout to OUTPUT, stderr to NAME.log; a failure reports the log's tail.
stage() {
  local name=$1 output=$2; shift 2
  local code=0
  "$@" >"$output" 2>"$work/$name.log" || code=$?
  [ "$code" = 0 ] || fail "$name" "exit code $code" "$(tail -n 15 "$work/$name.log" | json_lines)"
}
need() { command -v "$1" >/dev/null || fail prerequisites "$1 is not installed" "[\"$2\"]"; }
need python3 "python3 (used to assemble the JSON report)"
[ -n "$bundle" ] || need dotnet "the .NET 10 SDK (or run with --bundle FILE from scripts/gpu-bundle.sh)"

gpu_name=null driver=null
if [ "$backend" = cuda ]; then
  command -v nvidia-smi >/dev/null || fail prerequisites "nvidia-smi not found: no NVIDIA driver on this machine" '["install the NVIDIA driver (nvidia-smi, libcuda.so.1)"]'
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader >"$work/nvidia-smi.txt" 2>&1 ||
    fail prerequisites "nvidia-smi failed: the driver does not answer" "$(json_lines <"$work/nvidia-smi.txt")"
  gpu_name=$(head -n 1 "$work/nvidia-smi.txt" | cut -d, -f1)
  driver=$(head -n 1 "$work/nvidia-smi.txt" | cut -d, -f2 | tr -d ' ')
  say "GPU: $gpu_name, driver $driver"
fi

t0=$(now)
libtorch_report=null
if [ -n "$bundle" ]; then
  say "unpacking $bundle"
  # Python's tarfile where tar cannot run xz (a minimal image may lack it).
  if command -v xz >/dev/null; then tar -xJf "$bundle" -C "$work" 2>"$work/unpack.log"; else python3 -m tarfile -e "$bundle" "$work" 2>"$work/unpack.log"; fi ||
    fail bundle "cannot unpack $bundle" "$(tail -n 5 "$work/unpack.log" | json_lines)"
  cli="$work/losssearch-bundle/losssearch" bindings="$work/losssearch-bundle/app/libLibTorchSharp.so"
  [ -x "$cli" ] && [ -f "$bindings" ] || fail bundle "$bundle holds no losssearch-bundle/losssearch and app/libLibTorchSharp.so" "[]"
  if [ -z "$libtorch" ]; then
    libtorch=$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>"$work/torch.log") ||
      fail libtorch "python3 cannot import torch; pass --libtorch DIR" "$(tail -n 5 "$work/torch.log" | json_lines)"
  fi
  export LOSSSEARCH_LIBTORCH=$libtorch
  # What TorchSharp's native part needs that this libtorch lacks (it is built for 2.10.0): ldd -r binds every import.
  LD_LIBRARY_PATH="$libtorch" ldd -r "$bindings" >"$work/ldd.txt" 2>&1 || true
  libtorch_report=$(python3 - "$libtorch" "$work/ldd.txt" "$work/losssearch-bundle/BUNDLE.json" <<'PY'
import json, pathlib, re, shutil, subprocess, sys
directory, ldd, bundle = sys.argv[1:]
lines = pathlib.Path(ldd).read_text(errors="replace").splitlines()
undefined = [m.group(1) for l in lines if (m := re.match(r"undefined symbol: (\S+)\s+\(.*libLibTorchSharp\.so\)", l))]
if undefined and shutil.which("c++filt"):
    undefined = subprocess.run(["c++filt"], input="\n".join(undefined), capture_output=True, text=True).stdout.splitlines()
version_file = pathlib.Path(directory).parent / "version.py"  # an installed PyTorch's torch/version.py
version = next((m.group(1) for m in re.finditer(r"^__version__\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)", version_file.read_text(), re.M)), None) \
    if version_file.is_file() else None
try:
    built = json.loads(pathlib.Path(bundle).read_text())
except (OSError, ValueError) as e:
    built = {"error": f"BUNDLE.json: {e}"}
print(json.dumps({"directory": directory, "version": version, "expected": "2.10.0",
                  "missingLibraries": sorted({l.split("=>")[0].strip() for l in lines if "=> not found" in l}),
                  "undefinedSymbols": len(undefined), "undefinedExamples": undefined[:10], "bundle": built}))
PY
) || fail libtorch "cannot read the linker's report" "$(json_lines <"$work/ldd.txt")"
  undefined=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["undefinedSymbols"])' "$libtorch_report")
  # Another version's gaps are listed above; binding lazily lets the run show whether it ever calls one.
  if [ "$undefined" != 0 ]; then export LOSSSEARCH_LIBTORCH_BIND=lazy; fi
  say "libtorch $libtorch: $undefined symbols of libLibTorchSharp.so unresolved${LOSSSEARCH_LIBTORCH_BIND:+, binding lazily}"
else
  unset LOSSSEARCH_LIBTORCH LOSSSEARCH_LIBTORCH_BIND  # a build carries its own libtorch
  say "building with -p:TorchBackend=$backend"
  if ! dotnet build src/Host -c Release -p:TorchBackend=$backend -o "$work/bin" >"$work/build.log" 2>&1; then
    { grep -E "error|NU1[0-9]{3}" "$work/build.log" || tail -n 20 "$work/build.log"; } | sort -u >"$work/build-errors.txt" || true
    details=$(head -n 20 "$work/build-errors.txt" | json_lines)
    fail build "dotnet build -p:TorchBackend=$backend failed (for cuda: is the TorchSharp-cuda-linux 0.107.0 package and its libtorch-cuda parts reachable from NuGet? Without NuGet: scripts/gpu-bundle.sh elsewhere, then --bundle)" "$details"
  fi
  cli="$work/bin/losssearch"
fi
build_seconds=$(python3 -c "print(round($(now) - $t0, 1))")

stage info "$work/info.json" "$cli" info --json --device "$device"
info=$(cat "$work/info.json")
stage summary "$work/summary.json" "$cli" model summary wrn-16-4 --classes 10 --size 32 --json
flops_per_image=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["flopsPerImage"])' "$work/summary.json")
data="synthetic:cifar10?n=$n&test=$((n / 10))&seed=1"

train() { # name, augmentation, extra args...
  local name=$1 augment=$2; shift 2
  say "training WRN-16-4 with $augment"
  local start; start=$(now)
  stage "$name" "$work/$name.json" "$cli" --device "$device" train --model wrn-16-4 --dataset "$data" --validation 0 --augment "$augment" --epochs 1 \
    --steps-per-epoch "$steps" --batch 128 --optimizer sgd --lr 0.05 --checkpoint-dir "$work/$name" --json "$@"
  python3 -c "print(round($(now) - $start, 2))" >"$work/$name.seconds"
}
train cutout cutout
train mixup mixup

say "3-candidate search (2 initial, 1 child)"
start=$(now)
stage search "$work/search.json" "$cli" --device "$device" bench evolve --dataset "synthetic:fashion-mnist?n=1200&seed=1" --augment cutout --population 2 --sample 1 \
  --initial 2 --children 1 --skip-cheap --steps "$candidate_steps" --steps-per-epoch "$candidate_steps" --batch 64 --json
search_seconds=$(python3 -c "print(round($(now) - $start, 2))")

say "resume after cancel"
resume_args=(--device "$device" train --model wrn-16-4 --dataset "$data" --validation 0 --augment cutout --epochs 3
  --steps-per-epoch "$steps" --batch 128 --optimizer sgd --lr 0.05 --checkpoint-dir "$work/resume" --json)
set -m  # job control: the background job then keeps SIGINT (a non-interactive shell's jobs ignore it otherwise)
"$cli" "${resume_args[@]}" >"$work/cancelled.json" 2>"$work/cancelled.log" &
pid=$!
set +m
for _ in $(seq 1 1200); do [ -f "$work/resume/manifest.json" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
kill -INT "$pid" 2>/dev/null || true
set +e; wait "$pid"; cancel_code=$?; set -e
if [ ! -f "$work/resume/manifest.json" ]; then
  if [ "$cancel_code" = 130 ]; then reason="no first checkpoint within 300 s (cancelled then)"; else reason="the training ended (exit code $cancel_code) before its first checkpoint"; fi
  fail cancel "$reason" "$(tail -n 15 "$work/cancelled.log" | json_lines)"
fi
stage resume "$work/resumed.json" "$cli" "${resume_args[@]}" --resume

python3 - "$work" "$gpu_name" "$driver" "$flops_per_image" "$build_seconds" "$search_seconds" "$cancel_code" "$backend" "$((n / 10))" "$info" "$libtorch_report" <<'PY'
import json, os, sys, pathlib
work, gpu, driver, flops_per_image, build_s, search_s, cancel_code, backend, evaluation_images, info, libtorch = sys.argv[1:]
work = pathlib.Path(work)
# FP32 (non-tensor-core) peaks from the vendors' datasheets, TFLOP/s.
peaks = {"H200": 67.0, "H100 SXM": 67.0, "H100 PCIe": 51.0, "H100": 51.0, "A100": 19.5, "L40S": 91.6, "L40": 90.5,
         "L4": 30.3, "A10G": 31.2, "A10": 31.2, "V100": 15.7, "T4": 8.1, "RTX 4090": 82.6, "RTX 3090": 35.6}
peak = next((v for k, v in peaks.items() if gpu != "null" and k in gpu), None)
def training(name):
    result = json.loads((work / f"{name}.json").read_text())
    epoch = result["epochs"][-1]
    images = result["steps"] * 128
    seconds = epoch["seconds"]  # the epoch's steps plus its evaluation of the test split (n/10 images, forward only)
    evaluated = int(evaluation_images)
    achieved = float(flops_per_image) * (3 * images + evaluated) / seconds  # forward + backward ≈ 3 × forward
    return {"status": result["status"], "steps": result["steps"], "wallSeconds": float((work / f"{name}.seconds").read_text()),
            "epochSeconds": seconds, "imagesPerSecond": round(images / seconds, 1), "achievedTflops": round(achieved / 1e12, 3),
            "fractionOfPeak": None if peak is None else round(achieved / 1e12 / peak, 4)}
search = json.loads((work / "search.json").read_text())
resumed = json.loads((work / "resumed.json").read_text())
report = {
    "ok": True, "backend": backend, "gpu": None if gpu == "null" else gpu, "driver": None if driver == "null" else driver,
    "peakFp32Tflops": peak, "info": json.loads(info), "libtorch": json.loads(libtorch),
    "setup": "bundle" if libtorch != "null" else "build", "setupSeconds": float(build_s),
    "wrn16x4": {"flopsPerImageForward": int(float(flops_per_image)), "cutout": training("cutout"), "mixup": training("mixup")},
    "search": {"seconds": float(search_s), "report": search},
    "resumeAfterCancel": {"cancelExitCode": int(cancel_code), "resumedStatus": resumed["status"], "resumedSteps": resumed["steps"],
                          "ok": int(cancel_code) == 130 and resumed["status"] == "Completed"},
}
report["ok"] = all([report["wrn16x4"]["cutout"]["status"] == "Completed", report["wrn16x4"]["mixup"]["status"] == "Completed",
                    report["resumeAfterCancel"]["ok"]])
print(json.dumps(report, indent=2))
sys.exit(0 if report["ok"] else 1)
PY
