#!/usr/bin/env python3
"""How far two PolNeAR annotators agree, scored like newsnlp (issue 16's ceiling).

A few PolNeAR articles were annotated more than once. This script builds, for the articles of a split that have
two or more annotation files, a split folder with the first annotation (the one `newsnlp eval quotes` takes as
gold) and a peer CSV with the second annotator's attributions, in the peer format of `eval quotes --score-file`:

    python3 scripts/polnear-agreement.py ../shared/data/quotes/polnear/data/train /tmp/agree-train
    newsnlp eval quotes /tmp/agree-train --score-file /tmp/agree-train/annotator2.csv --peer-name annotator2

The second annotator's attribution is `direct` when its content holds a quotation mark, `indirect` when its cue
holds a verb of saying (the forms of `src/quotes/cues.rs`'s SPEECH_VERBS) or "according to", and left out
otherwise, so that the scorer counts it as the definitions of `src/eval/quotes.rs` count newsnlp's quotes.
Nothing is copied: the folder holds symbolic links to the split's files.
"""
import csv
import os
import re
import sys
from collections import defaultdict

QUOTE_MARK = re.compile(r"[“”\"«»„]|''")


def speech_forms(cues_rs):
    """The verb forms of SPEECH_VERBS, inflected as src/quotes/cues.rs inflects them."""
    src = open(cues_rs, encoding="utf-8").read()
    block = src[src.index("pub(crate) const SPEECH_VERBS"):]
    block = block[: block.index("];")]
    forms = set()
    for lemma, irregular in re.findall(r'\("(\w+)", &\[([^\]]*)\]\)', block):
        forms.add(lemma)
        listed = re.findall(r'"(\w+)"', irregular)
        if listed:
            forms.update(listed)
        else:
            stem = lemma[:-1] if lemma.endswith("e") else lemma
            forms.update([lemma + "s", stem + "ed", stem + "ing"])
    return forms


def attributions(path, text):
    """(content, cue, source) of each attribution of one .ann file; a role in pieces is joined in text order."""
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")]
    spans = {r[0]: r[1] for r in rows if r[0].startswith("T") and len(r) > 1}
    out = []
    for r in rows:
        if not (r[0].startswith("E") and len(r) > 1):
            continue
        roles = [arg.split(":", 1) for arg in r[1].split()[1:] if ":" in arg]

        def role(name):
            pieces = []
            for key, t in roles:
                if key.rstrip("0123456789") != name or t not in spans:
                    continue
                for span in spans[t].split(" ", 1)[1].split(";"):
                    a, b = map(int, span.split())
                    pieces.append((a, text[a:b]))
            return " ".join(s for _, s in sorted(pieces)) if pieces else None

        content, cue, source = role("Content"), role("Cue"), role("Source")
        if content and cue:
            out.append((content, cue, source))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    split, out = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    forms = speech_forms(os.path.join(here, "..", "src", "quotes", "cues.rs"))
    by_article = defaultdict(list)
    for name in sorted(os.listdir(os.path.join(split, "attributions"))):
        if name.endswith(".ann"):
            by_article[name[:-4].rsplit("_", 1)[0]].append(name)
    twice = {a: files for a, files in by_article.items() if len(files) > 1}
    for sub in ("text", "attributions"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    with open(os.path.join(out, "annotator2.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["article_id", "kind", "text", "speaker_text"])
        for article, files in sorted(twice.items()):
            text_path = os.path.join(split, "text", article + ".txt")
            for src, dst in [
                (text_path, os.path.join(out, "text", article + ".txt")),
                (os.path.join(split, "attributions", files[0]), os.path.join(out, "attributions", files[0])),
            ]:
                if not os.path.lexists(dst):
                    os.symlink(os.path.abspath(src), dst)
            text = open(text_path, encoding="utf-8").read()
            for content, cue, source in attributions(os.path.join(split, "attributions", files[1]), text):
                words = re.findall(r"\w+", cue.lower())
                if QUOTE_MARK.search(content):
                    kind = "direct"
                elif any(w in forms for w in words) or "according to" in cue.lower():
                    kind = "indirect"
                else:
                    continue
                writer.writerow([article, kind, content, source or ""])
    print(f"{len(twice)} articles annotated twice; gold and annotator2.csv in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
