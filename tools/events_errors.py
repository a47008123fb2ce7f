#!/usr/bin/env python3
"""Error analysis of the event coder (#16): per article of a gold set, gold events against the
engine's output events (with the sentence each output event came from), matched as `newsgraph
eval` matches them (actors on their first three letters, a null gold side matching anything).

    python3 tools/events_errors.py ../shared/data/dev/intl-news-dev.jsonl [--bin target/release/newsgraph]

Prints, per article: matched pairs, missed gold events, spurious output events; then counts of
misses by root and by the kind of actor code missed.
"""
import argparse
import collections
import json
import subprocess
import sys


def key(code):
    return None if code is None else code.strip()[:3].upper()


def side_ok(gold, out):
    return gold is None or (out is not None and key(gold) == key(out))


def dyad(g, o):
    return side_ok(g.get("source"), o["s"]) and side_ok(g.get("target"), o["t"])


def groot(g):
    c = g.get("code")
    return c[:2] if c else None


def match(golds, outs, fits):
    """Greedy-augmenting one-to-one matching (small sizes)."""
    owner = {}

    def try_gold(gi, seen):
        for oi, o in enumerate(outs):
            if oi in seen or not fits(golds[gi], o):
                continue
            seen.add(oi)
            if oi not in owner or try_gold(owner[oi], seen):
                owner[oi] = gi
                return True
        return False

    for gi in range(len(golds)):
        try_gold(gi, set())
    return {gi: oi for oi, gi in owner.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--bin", default="target/release/newsgraph")
    ap.add_argument("--only-misses", action="store_true")
    args = ap.parse_args()
    cases = [json.loads(line) for line in open(args.gold) if line.strip()]
    inputs = "".join(json.dumps(c["input"]) + "\n" for c in cases)
    run = subprocess.run([args.bin, "analyze"], input=inputs, capture_output=True, text=True)
    outputs = {}
    for line in run.stdout.splitlines():
        rec = json.loads(line)
        outputs[rec.get("id")] = rec
    miss_roots = collections.Counter()
    spur_roots = collections.Counter()
    for c in cases:
        golds = c["gold"].get("events") or []
        rec = outputs.get(c["input"]["id"], {})
        outs = [
            {
                "s": (e.get("source") or {}).get("code"),
                "sn": (e.get("source") or {}).get("name"),
                "t": (e.get("target") or {}).get("code"),
                "tn": (e.get("target") or {}).get("name"),
                "code": e.get("code"),
                "text": e.get("text", ""),
            }
            for e in rec.get("events") or []
        ]
        m = match(golds, outs, lambda g, o: dyad(g, o) and (groot(g) in (None, o["code"][:2])))
        md = match(golds, outs, dyad)
        print(f"=== {c['input']['id']}  {c['gold'].get('title', '')[:90]}")
        for gi, g in enumerate(golds):
            if gi in m:
                o = outs[m[gi]]
                if not args.only_misses:
                    print(f"  OK   {g.get('source')} {g.get('code')} {g.get('target')}  <- {o['s']} {o['code']} {o['t']}")
            elif gi in md:
                o = outs[md[gi]]
                print(f"  ROOT {g.get('source')} {g.get('code')} {g.get('target')}  <- {o['s']} {o['code']} {o['t']} | {o['text'][:160]}")
                miss_roots[groot(g)] += 1
            else:
                print(f"  MISS {g.get('source')} {g.get('code')} {g.get('target')}")
                miss_roots[groot(g)] += 1
        used = set(m.values()) | set(md.values())
        for oi, o in enumerate(outs):
            if oi not in used:
                print(f"  SPUR {o['s']}({o['sn']}) {o['code']} {o['t']}({o['tn']}) | {o['text'][:200]}")
                spur_roots[o["code"][:2]] += 1
    print("misses by gold root:", sorted(miss_roots.items(), key=lambda kv: -kv[1]))
    print("spurious by root:", sorted(spur_roots.items(), key=lambda kv: -kv[1]))


if __name__ == "__main__":
    sys.exit(main())
