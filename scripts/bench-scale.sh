#!/usr/bin/env bash
# The batch benchmark (issue 6), newsnlp and spaCy side by side in one run.
#
#   scripts/bench-scale.sh [SHARED_DIR] [OUT_DIR]
#
# 1. Builds a corpus of at least 100 MB: the Reuters-21578 training file repeated with fresh ids.
# 2. newsnlp `analyze` with every default stage, --jobs 1 and --jobs 2: wall time, CPU time, peak RSS.
# 3. spaCy (en_core_web_sm 3.8, ../shared/peers/spacy) in --mode ner and --mode full, n_process 1 and 2,
#    on the first SPACY_DOCS articles of the same corpus (its full pipeline runs at a few thousand words/s,
#    so the whole 100 MB would take hours; a rate measured on 3,000 articles is stable).
# 4. Memory flatness: newsnlp peak RSS on 10k articles against 100k articles.
# Words are whitespace-separated words of the input text for every tool (bench_spacy.py's definition).
# Results: OUT_DIR/results.tsv and a summary on stdout.
# BASELINE_BIN=path/to/older/newsnlp runs that binary too, interleaved with this build in the same run (the redesign's
# before/after check: rows `newsnlp-baseline`); SKIP_SPACY=1 leaves spaCy out.
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
spacy_docs=${SPACY_DOCS:-3000}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsnlp/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/newsnlp"

python3 - "$shared/data/topics/reuters21578-modapte-train.jsonl" "$out" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(src, encoding="utf-8")]
size, rep, n = 0, 0, 0
with open(f"{out}/corpus.jsonl", "w", encoding="utf-8") as f:
    while size < 100_000_000:
        for r in rows:
            line = json.dumps({"id": f"{r['id']}-r{rep}", "title": r["title"], "text": r["text"]}) + "\n"
            f.write(line); size += len(line.encode()); n += 1
        rep += 1
words = 0
with open(f"{out}/corpus.jsonl", encoding="utf-8") as f, open(f"{out}/first10k.jsonl", "w") as a, \
     open(f"{out}/first100k.jsonl", "w") as b:
    for i, line in enumerate(f):
        words += len(json.loads(line)["text"].split())
        if i < 10_000: a.write(line)
        if i < 100_000: b.write(line)
print(f"corpus: {n} articles, {size/1e6:.1f} MB, {words} words", file=sys.stderr)
open(f"{out}/words", "w").write(str(words))
PY
words=$(cat "$out/words")
printf 'tool\tmode\tjobs\tarticles\twords\twall_s\tcpu_s\twords_per_s\twords_per_cpu_s\tpeak_rss_mb\n' > "$out/results.tsv"

run_newsnlp() {  # input jobs label [binary [tool name]]
  local input=$1 jobs=$2 label=$3 exe=${4:-$bin} tool=${5:-newsnlp} n w
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$exe" analyze "$input" -o "$out/tables" --jobs "$jobs" -q || [[ $? == 1 ]]
  read -r wall user sys rss < "$out/time"
  n=$(wc -l < "$input")
  w=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$input")
  python3 - "$wall" "$user" "$sys" "$rss" "$n" "$w" "$jobs" "$label" "$tool" >> "$out/results.tsv" <<'PY'
import sys
wall, user, sys_, rss, n, w, jobs, label, tool = sys.argv[1:]
cpu = float(user) + float(sys_)
print(f"{tool}\t{label}\t{jobs}\t{n}\t{w}\t{float(wall):.2f}\t{cpu:.2f}\t{int(w)/float(wall):.0f}\t{int(w)/cpu:.0f}\t{int(rss)/1024:.0f}")
PY
}

base=${BASELINE_BIN:-}
for args in "corpus.jsonl 1 full" "corpus.jsonl 2 full" "first10k.jsonl 2 full-10k" "first100k.jsonl 2 full-100k"; do
  read -r input jobs label <<< "$args"
  [[ -n $base ]] && run_newsnlp "$out/$input" "$jobs" "$label" "$base" newsnlp-baseline
  run_newsnlp "$out/$input" "$jobs" "$label"
done

if [[ -z ${SKIP_SPACY:-} ]]; then
venv=${SPACY_VENV:-$HOME/.cache/newsnlp-peers/spacy-venv}
bash "$shared/peers/spacy/setup.sh" "$venv" >/dev/null
head -n "$spacy_docs" "$out/corpus.jsonl" > "$out/spacy.jsonl"
for mode in ner full; do
  for np in 1 2; do
    rm -f "$out/spacy-$mode-$np.json"
    /usr/bin/time -f '%M' -o "$out/time" "$venv/bin/python" "$shared/peers/spacy/bench_spacy.py" "$out/spacy.jsonl" \
      --mode "$mode" --n-process "$np" --json "$out/spacy-$mode-$np.json" > /dev/null
    python3 - "$out/spacy-$mode-$np.json" "$(cat "$out/time")" >> "$out/results.tsv" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
print(f"spacy\t{r['mode']}\t{r['n_process']}\t{r['docs']}\t{r['words']}\t{r['seconds_best']:.2f}\t{r['cpu_seconds_best']:.2f}\t"
      f"{r['words_per_s_best']}\t{r['words_per_cpu_s']}\t{int(sys.argv[2])/1024:.0f}")
PY
  done
done
fi

column -t -s $'\t' "$out/results.tsv"
python3 - "$out/results.tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
get = lambda tool, mode, jobs: next(r for r in rows if r["tool"] == tool and r["mode"] == mode and r["jobs"] == str(jobs))
best = lambda tool, mode: max((r for r in rows if r["tool"] == tool and r["mode"] == mode), key=lambda r: float(r["words_per_s"]))
n1, n2 = get("newsnlp", "full", 1), get("newsnlp", "full", 2)
print(f"newsnlp --jobs 2 vs --jobs 1: {float(n2['words_per_s'])/float(n1['words_per_s']):.2f}x")
a, b = get("newsnlp", "full-10k", 2), get("newsnlp", "full-100k", 2)
print(f"peak RSS: 10k articles {a['peak_rss_mb']} MB, 100k articles {b['peak_rss_mb']} MB "
      f"({(float(b['peak_rss_mb'])/float(a['peak_rss_mb'])-1)*100:+.0f}%)")
if any(r["tool"] == "newsnlp-baseline" for r in rows):
    for mode in ("full", "full-10k", "full-100k"):
        for r in rows:
            if r["tool"] == "newsnlp-baseline" and r["mode"] == mode:
                n = get("newsnlp", mode, r["jobs"])
                print(f"{mode} --jobs {r['jobs']}: this build {float(n['words_per_s']):,.0f} words/s, {n['peak_rss_mb']} MB; "
                      f"baseline {float(r['words_per_s']):,.0f} words/s, {r['peak_rss_mb']} MB "
                      f"({float(n['words_per_s'])/float(r['words_per_s'])-1:+.1%} speed, "
                      f"{float(n['peak_rss_mb'])/float(r['peak_rss_mb'])-1:+.1%} memory)")
if not any(r["tool"] == "spacy" for r in rows):
    sys.exit(0)
sf, sn = best("spacy", "full"), best("spacy", "ner")
print(f"newsnlp full (jobs 2) vs spaCy full (best of n_process 1, 2): {float(n2['words_per_s'])/float(sf['words_per_s']):.1f}x words/s")
print(f"newsnlp full (jobs 2) vs spaCy ner (best of n_process 1, 2): {float(n2['words_per_s'])/float(sn['words_per_s']):.1f}x words/s")
print(f"per CPU second: newsnlp {float(n2['words_per_cpu_s']):,.0f} vs spaCy full {float(sf['words_per_cpu_s']):,.0f} words "
      f"({float(n2['words_per_cpu_s'])/float(sf['words_per_cpu_s']):.1f}x)")
PY
