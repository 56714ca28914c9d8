#!/usr/bin/python3
"""compare.py RESULTS.jsonl: one row per variant for each set, from the JSON lines score.py printed, so a run with
--variant shows what each change of setting bought or cost against the baseline."""
import json
import sys

COLUMNS = [("grp P", "merge_precision"), ("grp R", "merge_recall"), ("hidden", "hidden_stories"),
           ("split", "split_stories"), ("rel P", "relevance_precision"), ("rel R", "relevance_recall"),
           ("seed R", "seed_dup_recall"), ("wrong drops", "dropped_wrongly"), ("seed drops", "seed_drops"),
           ("db P", "db_pair_precision"), ("db R", "db_pair_recall"), ("exit", "exit")]


def cell(value):
    if isinstance(value, list):
        value = len(value)
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


with open(sys.argv[1], encoding="utf-8") as f:
    results = [json.loads(line) for line in f if line.strip()]
for name in dict.fromkeys(r["set"] for r in results):
    rows = [r for r in results if r["set"] == name]
    width = max(len(name), *(len(r["variant"]) for r in rows))
    print(f"\n{name:<{width}}  " + "  ".join(f"{title:>6}" for title, _ in COLUMNS))
    for r in rows:
        print(f"{r['variant']:<{width}}  " + "  ".join(f"{cell(r.get(key)):>{max(6, len(title))}}"
                                                     for title, key in COLUMNS))
