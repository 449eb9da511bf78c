#!/usr/bin/env bash
# Embedding throughput (articles/s, sentences/s) of the transformer backend on this machine's cores.
# Usage: scripts/bench-embeddings.sh [FILE.jsonl] [ARTICLES]   (default: the BBC set under NEWSNLP_SHARED_DATA, 300)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
eval "$("$ROOT/scripts/setup-transformer.sh")"
cd "$ROOT"
exec cargo bench --no-default-features --features transformer --bench embeddings -- "$@"
