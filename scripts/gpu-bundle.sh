#!/usr/bin/env bash
# Packs this program for a GPU machine that has no .NET SDK and no network but has a libtorch of its own (an
# installed PyTorch): the CLI built with -p:TorchBackend=external (TorchSharp without libtorch), the .NET
# runtime it needs, and a launcher. One .tar.xz file, about 45 MB; there, scripts/gpu-check.sh --bundle FILE
# runs the GPU check with it, or `losssearch-bundle/losssearch …` runs any command with LOSSSEARCH_LIBTORCH set.
#   scripts/gpu-bundle.sh [OUT.tar.xz]     (default .gpu-bundle/losssearch-bundle.tar.xz)
# The build shares obj/ with the normal one: the next normal `dotnet build` restores the CPU backend again.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-.gpu-bundle/losssearch-bundle.tar.xz}")
case "$out" in *.tar.xz) ;; *) echo "gpu-bundle: the output must end in .tar.xz: $out" >&2; exit 2 ;; esac
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ {v = $2} END {print v}')
[ -n "$runtime" ] || { echo "gpu-bundle: no .NET 10 runtime under $dotnet_root" >&2; exit 1; }

work=$(mktemp -d /tmp/losssearch-bundle.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/losssearch-bundle"
mkdir -p "$root/dotnet/host/fxr" "$root/dotnet/shared"

echo "gpu-bundle: building src/Host with -p:TorchBackend=external for linux-x64" >&2
dotnet publish src/Host -c Release -r linux-x64 --self-contained false -p:TorchBackend=external -o "$root/app" \
  >"$work/publish.log" 2>&1 || { { grep -E "error" "$work/publish.log" || tail -n 30 "$work/publish.log"; } | sort -u | head -30 >&2; exit 1; }
if [ -e "$root/app/libtorch_cpu.so" ]; then
  echo "gpu-bundle: the external build still holds libtorch_cpu.so" >&2; exit 1
fi
rm -f "$root"/app/*.pdb

echo "gpu-bundle: adding the .NET $runtime runtime from $dotnet_root" >&2
cp "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$root/dotnet/"
cp -r "$dotnet_root/host/fxr/$runtime" "$root/dotnet/host/fxr/"
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  mkdir -p "$root/dotnet/shared/$framework"
  cp -r "$dotnet_root/shared/$framework/$runtime" "$root/dotnet/shared/$framework/"
done

cat >"$root/losssearch" <<'SH'
#!/usr/bin/env bash
# This bundle's CLI on its own .NET runtime. LOSSSEARCH_LIBTORCH names the libtorch lib folder to load; unset,
# it is that of the PyTorch `python3` imports.
here=$(dirname "$(readlink -f "$0")")
if [ -z "${LOSSSEARCH_LIBTORCH:-}" ]; then
  LOSSSEARCH_LIBTORCH=$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null) ||
    { echo "losssearch-bundle: set LOSSSEARCH_LIBTORCH (python3 cannot import torch here)" >&2; exit 2; }
  export LOSSSEARCH_LIBTORCH
fi
DOTNET_ROOT="$here/dotnet" exec "$here/app/losssearch" "$@"
SH
chmod +x "$root/losssearch"
python3 - "$root/BUNDLE.json" "$runtime" "$(git rev-parse HEAD)" "$(git status --porcelain | wc -l)" <<'PY'
import json, sys, datetime
path, runtime, commit, dirty = sys.argv[1:]
json.dump({"commit": commit, "uncommittedChanges": int(dirty), "dotnet": runtime, "torchBackend": "external",
           "torchSharp": "0.107.0", "expectedLibtorch": "2.10.0",
           "built": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}, open(path, "w"), indent=2)
PY

mkdir -p "$(dirname "$out")"
echo "gpu-bundle: compressing" >&2
tar -C "$work" -cf - losssearch-bundle | xz -T0 -6 >"$out.partial"
mv "$out.partial" "$out"
echo "gpu-bundle: $out, $(du -m "$out" | cut -f1) MiB (unpacked $(du -sm "$root" | cut -f1) MiB)" >&2
echo "$out"
