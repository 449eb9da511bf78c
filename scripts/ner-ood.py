#!/usr/bin/env python3
"""The out-of-domain NER dev set (tests/data/ner-ood/): standoff annotation over the Reuters and BBC dumps.

The Reuters-21578 and BBC texts are research-only and never committed, so the dev set is standoff: each line of
ood-dev.jsonl names a record of a shared-data dump, the character offsets of one sentence in one of its fields,
the SHA-1 of that sentence's text (a changed source fails loudly instead of scoring shifted spans) and the
entities as character offsets relative to the sentence. This script turns it back into a CoNLL file that
`newsnlp eval ner` reads, given the shared data folder. Python 3 standard library only.

  scripts/ner-ood.py conll  --data /work/shared/data -o /tmp/ood.conll   materialise (checks every span)
  scripts/ner-ood.py conll  --data /work/shared/data -o - --source bbc    one source (or --kind title) only
  scripts/ner-ood.py check  --data /work/shared/data                    hashes and token boundaries only
  scripts/ner-ood.py select --data /work/shared/data -o skeleton.jsonl   how the sentences were drawn (seed 17)
  scripts/ner-ood.py pretag --standoff skeleton.jsonl --predictions P -o pre.jsonl
                                                   spans from `eval ner --predictions` output, for annotating

Tokens come from a simple regex tokenizer close to CoNLL-2003's (hyphenated words and initialisms such as U.S.
are one token, the possessive 's is split off, a few abbreviations keep their period); an entity span must start
and end on token boundaries, or the script stops with the sentence and span at fault.
"""

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STANDOFF = ROOT / "tests" / "data" / "ner-ood" / "ood-dev.jsonl"
LABELS = ("PER", "LOC", "ORG", "MISC")
SOURCES = ("topics/reuters21578-modapte-train.jsonl", "topics/bbc-train.jsonl")

ABBREV = (
    "Mr|Mrs|Ms|Dr|St|Jr|Sr|Corp|Inc|Co|Cos|Ltd|Bros|Gen|Sen|Rep|Gov|Lt|Col|Mt|Ft|Prof|Rev|Messrs|Pty|Dept|"
    "Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|vs"
)
TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?:-\w+)*"  # initialisms: U.S., N.V., U.S.-based
    rf"|(?:{ABBREV})\.(?!\w)"  # abbreviations that keep their period: Corp., Mr.
    r"|\d+(?:[.,:/]\d+)*[A-Za-z]*"  # numbers: 1,522,000 3.5 29bn
    r"|\w+(?:[-&]\w+)*"  # words, hyphenated compounds: Anglo-Dutch, AT&T
    r"|'[sS]\b"  # the possessive
    r"|\S",  # any other character on its own
)
# Sentence ends: . ! ? (and a closing quote) before whitespace and an upper-case letter or an opening quote.
SENTENCE_END = re.compile(r"[.!?][\"')]?\s+(?=[\"'(]?[A-Z])")
NO_BREAK_AFTER = re.compile(rf"(?:\b(?:{ABBREV}|[A-Z])|(?:[A-Za-z]\.){{2,}})\.$")


def tokens(text):
    """(start, end) character offsets of the tokens of a text."""
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def sha1(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_records(data, wanted):
    """{(source, id): record} for the (source, id) pairs in `wanted`, reading each dump once."""
    out = {}
    for source in sorted({s for s, _ in wanted}):
        path = Path(data) / source
        if not path.is_file():
            sys.exit(f"ner-ood: {path} not found (is --data the shared data folder?)")
        ids = {i for s, i in wanted if s == source}
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec["id"] in ids:
                    out[(source, rec["id"])] = rec
    return out


def read_standoff(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def resolve(items, data):
    """Each item's sentence text, checked against its hash; stops on the first mismatch."""
    records = load_records(data, {(it["source"], it["record"]) for it in items})
    texts = []
    for it in items:
        rec = records.get((it["source"], it["record"]))
        if rec is None:
            sys.exit(f"ner-ood: {it['id']}: record {it['record']} is not in {it['source']}")
        text = (rec.get(it["field"]) or "")[it["start"] : it["end"]]
        if sha1(text) != it["sha1"]:
            sys.exit(f"ner-ood: {it['id']}: the text at {it['field']}[{it['start']}:{it['end']}] does not match its "
                     f"hash: the source changed, re-anchor the annotation (found {text[:60]!r})")
        texts.append(text)
    return texts


def iob(item, text):
    """The sentence's tokens and IOB2 tags; exits if an entity does not fall on token boundaries."""
    toks = tokens(text)
    starts = {s: i for i, (s, _) in enumerate(toks)}
    ends = {e: i for i, (_, e) in enumerate(toks)}
    tags = ["O"] * len(toks)
    for start, end, label in item["entities"]:
        where = f"ner-ood: {item['id']}: entity {text[start:end]!r} [{start}:{end}] {label}"
        if label not in LABELS:
            sys.exit(f"{where}: unknown label (expected one of {', '.join(LABELS)})")
        if start not in starts or end not in ends:
            sys.exit(f"{where} does not fall on token boundaries; tokens: "
                     + " ".join(text[s:e] for s, e in toks))
        first, last = starts[start], ends[end]
        if any(t != "O" for t in tags[first : last + 1]):
            sys.exit(f"{where} overlaps another entity")
        tags[first] = "B-" + label
        for i in range(first + 1, last + 1):
            tags[i] = "I-" + label
    return [text[s:e] for s, e in toks], tags


def cmd_conll(args):
    items = [it for it in read_standoff(args.standoff)
             if args.source in it["source"] and (args.kind is None or it["kind"] == args.kind)]
    if not items:
        sys.exit("ner-ood: no sentence matches --source/--kind")
    texts = resolve(items, args.data)
    lines, doc = [], None
    for it, text in zip(items, texts):
        if (it["source"], it["record"]) != doc:
            doc = (it["source"], it["record"])
            lines += ["-DOCSTART- -X- -X- O", ""]
        toks, tags = iob(it, text)
        lines += [f"{t} -X- -X- {g}" for t, g in zip(toks, tags)] + [""]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    out.write("\n".join(lines) + "\n")
    if out is not sys.stdout:
        out.close()
        print(f"ner-ood: {len(items)} sentences, {sum(len(i['entities']) for i in items)} entities -> {args.out}",
              file=sys.stderr)


def cmd_check(args):
    items = read_standoff(args.standoff)
    for it, text in zip(items, resolve(items, args.data)):
        iob(it, text)
    print(f"ner-ood: {len(items)} sentences align with {args.data}", file=sys.stderr)


def sentences(text):
    """(start, end) of the sentences of a body: paragraphs end at blank or indented lines (Reuters indents its
    paragraphs and the closing "Reuter"), then split on SENTENCE_END."""
    out = []
    for para in re.finditer(r"\S(?:.|\n(?![ \t]*\n|[ \t]))*", text):
        start = para.start()
        for m in SENTENCE_END.finditer(para.group()):
            if NO_BREAK_AFTER.search(para.group()[: m.start() + 1]):
                continue
            end = para.start() + m.start() + 1 + len(m.group()[1:].rstrip())
            out.append((start, end))
            start = para.start() + m.end()
        out.append((start, para.end()))
    out = [(s, s + len(text[s:e].rstrip())) for s, e in out]
    return [(s, e) for s, e in out if e > s]


def usable(text, headline=False):
    """Drop tables, all-caps bodies and fragments: 8-60 tokens (3+ for headlines), mostly words; a body sentence
    ends with . ! or ? (the Reuters earnings lines, "Shr loss 11 cts vs loss 48 cts", do not)."""
    toks = [text[s:e] for s, e in tokens(text)]
    words = [t for t in toks if re.match(r"[A-Za-z]", t)]
    low, high = (3, 60) if headline else (8, 60)
    if not (low <= len(toks) <= high) or len(words) < 0.6 * len(toks):
        return False
    if not headline and sum(w.isupper() for w in words) > 0.5 * len(words):
        return False
    if not headline and not re.search(r"[.!?][\"')]?$", text):
        return False
    return "Reuter" != text.strip()


def cmd_select(args):
    """Draws the sentences: per dump, articles in a seeded order, one sentence (or title/dateline) each."""
    rng = random.Random(args.seed)
    items = []
    plan = {  # source: (body sentences, headlines, datelines)
        "topics/reuters21578-modapte-train.jsonl": (120, 15, 15),
        "topics/bbc-train.jsonl": (135, 15, 0),
    }
    for source, (n_body, n_head, n_date) in plan.items():
        with open(Path(args.data) / source, encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        rng.shuffle(recs)
        want = ["body"] * n_body + ["title"] * n_head + ["dateline"] * n_date
        rng.shuffle(want)
        for rec in recs:
            if not want:
                break
            kind = want[-1]
            text = rec.get("text") or ""
            if kind == "body":
                spans = sentences(text)
                if source.endswith("bbc-train.jsonl"):
                    spans = spans[1:]  # the first line is the title, drawn as a headline
                spans = [(s, e) for s, e in spans if usable(text[s:e])]
                field = "text"
            elif kind == "title" and source.endswith("bbc-train.jsonl"):
                first = text.split("\n", 1)[0]
                spans, field = ([(0, len(first))] if usable(first, True) else []), "text"
            else:
                value = rec.get(kind) or ""
                ok = usable(value, True) or (kind == "dateline" and len(value) > 3)
                spans, field = ([(0, len(value))] if ok else []), kind
            if not spans:
                continue
            s, e = rng.choice(spans)
            want.pop()
            sentence = (rec.get(field) or "")[s:e]
            items.append({
                "id": f"{rec['id']}:{field}:{s}", "source": source, "record": rec["id"], "field": field,
                "start": s, "end": e, "sha1": sha1(sentence), "kind": "body" if kind == "body" else kind,
                "entities": [],
            })
    write_jsonl(args.out, items)
    print(f"ner-ood: {len(items)} sentences -> {args.out}", file=sys.stderr)


def cmd_pretag(args):
    """Entity spans from `eval ner --predictions` output (token gold predicted) over a `conll` file of the items."""
    items = read_standoff(args.standoff)
    texts = resolve(items, args.data)
    sents, cur = [], []
    with open(args.predictions, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if cur:
                    sents.append(cur)
                cur = []
            elif cols[0] != "-DOCSTART-":
                cur.append(cols)
    if cur:
        sents.append(cur)
    if len(sents) != len(items):
        sys.exit(f"ner-ood: {len(sents)} predicted sentences for {len(items)} items")
    for it, text, pred in zip(items, texts, sents):
        toks = tokens(text)
        if [text[s:e] for s, e in toks] != [c[0] for c in pred]:
            sys.exit(f"ner-ood: {it['id']}: predicted tokens differ")
        ents, open_ = [], None
        for (s, e), cols in zip(toks + [(len(text), len(text))], pred + [["", "", "O"]]):
            tag = cols[-1]
            if open_ and (tag == "O" or tag.startswith("B-") or tag[2:] != open_[2]):
                ents.append(list(open_))
                open_ = None
            if tag != "O":
                if open_:
                    open_[1] = e
                else:
                    open_ = [s, e, tag[2:]]
        it["entities"] = ents
    write_jsonl(args.out, items)


def write_jsonl(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("conll", "check", "select", "pretag"):
        s = sub.add_parser(name)
        s.add_argument("--data", required=True, help="the shared data folder (holds topics/)")
        if name != "select":
            s.add_argument("--standoff", default=str(STANDOFF), help="the standoff file (default: %(default)s)")
        if name == "conll":
            s.add_argument("--source", default="", help="only the sentences of sources containing this (reuters, bbc)")
            s.add_argument("--kind", choices=("body", "title", "dateline"), help="only this kind of sentence")
        if name in ("conll", "select", "pretag"):
            s.add_argument("-o", "--out", required=True, help="output file (`-` for stdout with conll)")
        if name == "select":
            s.add_argument("--seed", type=int, default=17)
        if name == "pretag":
            s.add_argument("--predictions", required=True)
    args = p.parse_args()
    {"conll": cmd_conll, "check": cmd_check, "select": cmd_select, "pretag": cmd_pretag}[args.cmd](args)


if __name__ == "__main__":
    main()
