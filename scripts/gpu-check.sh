#!/usr/bin/env bash
# Proves the CUDA path on a machine with an NVIDIA GPU, as one command (well under 10 minutes):
#   1. builds the CLI with -p:TorchBackend=cuda (or says precisely what is missing and stops);
#   2. on cuda: a short WRN-16-4 training with cutout and one with mixup, a 3-candidate loss search,
#      and a training cancelled (SIGINT) after its first checkpoint and then resumed to the end;
#   3. prints one JSON document on stdout: timings, images/s and the achieved FLOP/s of the WRN steps
#      against the device's FP32 peak (datasheet value by GPU name, null when the name is unknown).
# Progress goes to stderr. --rehearse-on-cpu runs every stage with the CPU backend and tiny sizes, to
# check the script itself on a machine without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=cuda device=cuda steps=60 n=6400 candidate_steps=40
if [ "${1:-}" = "--rehearse-on-cpu" ]; then backend=cpu device=cpu steps=4 n=512 candidate_steps=4; fi
work=$(mktemp -d /tmp/losssearch-gpu-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
say() { echo "gpu-check: $*" >&2; }
now() { date +%s.%N; }
fail() { # stage, reason, details (JSON array)
  printf '{"ok": false, "stage": "%s", "reason": "%s", "details": %s}\n' "$1" "$2" "${3:-[]}"
  exit 1
}
need() { command -v "$1" >/dev/null || fail prerequisites "$1 is not installed" "[\"$2\"]"; }
need dotnet "the .NET 10 SDK"
need python3 "python3 (used to assemble the JSON report)"

gpu_name=null driver=null
if [ "$backend" = cuda ]; then
  command -v nvidia-smi >/dev/null || fail prerequisites "nvidia-smi not found: no NVIDIA driver on this machine" '["install the NVIDIA driver (nvidia-smi, libcuda.so.1)"]'
  gpu_name=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)
  driver=$(nvidia-smi --query-gpu=driver_version --format=csv,noheader | head -1)
  say "GPU: $gpu_name, driver $driver"
fi

say "building with -p:TorchBackend=$backend"
t0=$(now)
if ! dotnet build src/Host -c Release -p:TorchBackend=$backend -o "$work/bin" >"$work/build.log" 2>&1; then
  details=$(grep -E "error|NU1[0-9]{3}" "$work/build.log" | sed 's/\\/\\\\/g; s/"/\\"/g' | sort -u | head -20 | python3 -c 'import json,sys; print(json.dumps([l.strip() for l in sys.stdin]))')
  fail build "dotnet build -p:TorchBackend=$backend failed (for cuda: is the TorchSharp-cuda-linux 0.107.0 package and its libtorch-cuda parts reachable from NuGet?)" "$details"
fi
build_seconds=$(python3 -c "print(round($(now) - $t0, 1))")
cli="$work/bin/losssearch"

info=$("$cli" info --json --device "$device") || fail info "losssearch info --device $device failed: libtorch sees no usable CUDA device" "[]"
flops_per_image=$("$cli" model summary wrn-16-4 --classes 10 --size 32 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["flopsPerImage"])')
data="synthetic:cifar10?n=$n&test=$((n / 10))&seed=1"

train() { # name, augmentation, extra args...
  local name=$1 augment=$2; shift 2
  say "training WRN-16-4 with $augment"
  local start; start=$(now)
  "$cli" --device "$device" train --model wrn-16-4 --dataset "$data" --validation 0 --augment "$augment" --epochs 1 \
    --steps-per-epoch "$steps" --batch 128 --optimizer sgd --lr 0.05 --checkpoint-dir "$work/$name" --json "$@" >"$work/$name.json"
  python3 -c "print(round($(now) - $start, 2))" >"$work/$name.seconds"
}
train cutout cutout
train mixup mixup

say "3-candidate search (2 initial, 1 child)"
start=$(now)
"$cli" --device "$device" bench evolve --dataset "synthetic:fashion-mnist?n=1200&seed=1" --augment cutout --population 2 --sample 1 \
  --initial 2 --children 1 --skip-cheap --steps "$candidate_steps" --steps-per-epoch "$candidate_steps" --batch 64 --json >"$work/search.json"
search_seconds=$(python3 -c "print(round($(now) - $start, 2))")

say "resume after cancel"
resume_args=(--device "$device" train --model wrn-16-4 --dataset "$data" --validation 0 --augment cutout --epochs 3
  --steps-per-epoch "$steps" --batch 128 --optimizer sgd --lr 0.05 --checkpoint-dir "$work/resume" --json)
set -m  # job control: the background job then keeps SIGINT (a non-interactive shell's jobs ignore it otherwise)
"$cli" "${resume_args[@]}" >"$work/cancelled.json" 2>"$work/cancelled.log" &
pid=$!
set +m
for _ in $(seq 1 1200); do [ -f "$work/resume/manifest.json" ] && break; sleep 0.25; done
kill -INT "$pid" 2>/dev/null || true
set +e; wait "$pid"; cancel_code=$?; set -e
"$cli" "${resume_args[@]}" --resume >"$work/resumed.json"

python3 - "$work" "$gpu_name" "$driver" "$flops_per_image" "$build_seconds" "$search_seconds" "$cancel_code" "$backend" "$((n / 10))" "$info" <<'PY'
import json, sys, pathlib
work, gpu, driver, flops_per_image, build_s, search_s, cancel_code, backend, evaluation_images, info = sys.argv[1:]
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
    "peakFp32Tflops": peak, "info": json.loads(info), "buildSeconds": float(build_s),
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
