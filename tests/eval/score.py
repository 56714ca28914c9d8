#!/usr/bin/python3
"""score.py ARTICLES.jsonl RUN_DIR [--set NAME] [--variant NAME] [--exit CODE] [--db-pairs]: scores one run of
`monitor once` on a labelled set (RUN_DIR holds mail/*.eml and data/monitor.db). Prints a table for people, then
one JSON line with every figure:
  merge_precision, merge_recall, hidden_stories, split_stories   digest entries (innermost td/li/article/section
                                 holding article links, first link the lead) against the story labels
  relevance_precision, relevance_recall   per story, seed duplicates aside: shown when any article's title or
                                 address is in a mail
  seed_dup_recall[_copy|_same_event|_fr|_cross]   seed duplicates kept out of every mail
  seed_drops, seed_drops_wrong   articles stored as seed duplicates, and of those the ones not labelled so
  dropped_wrongly                relevant non-duplicates not shown and stored as duplicate
  db_pair_precision, db_pair_recall   pairs grouped by the stored story_key, whatever the digest shows
  by_lang                        relevance, grouping and seed-duplicate recall per language"""
import argparse
import collections
import itertools
import json
import os
import re
import sqlite3

from digest import Digests, url_key


def ratio(num, den):
    return round(num / den, 3) if den else None


def grouping(entries, story, lang, languages):
    """Digest entries against the labels: pairs of articles under one entry, same-story pairs of shown articles,
    stories visible only under another story's lead, stories no single entry holds."""
    shown = sorted({i for e in entries for i in e})
    merged = {p for e in entries for p in itertools.combinations(sorted(set(e)), 2)}
    pairs = [p for p in itertools.combinations(shown, 2) if story[p[0]] == story[p[1]]]
    found = [p for p in pairs if p in merged]
    leads = {story[e[0]] for e in entries}
    members = collections.defaultdict(set)
    for i in shown:
        members[story[i]].add(i)
    per_lang = {}
    for code in languages:
        mine = [p for p in pairs if code in (lang[p[0]], lang[p[1]])]
        per_lang[code] = ratio(sum(p in merged for p in mine), len(mine))
    wrong = sum(story[x] != story[y] for x, y in merged)
    return {
        "shown": len(shown), "entries": len(entries), "merged_pairs": len(merged), "wrong_merges": wrong,
        "story_pairs": len(pairs), "found_merges": len(found),
        "merge_precision": ratio(len(merged) - wrong, len(merged)), "merge_recall": ratio(len(found), len(pairs)),
        "hidden_stories": sorted({story[i] for e in entries for i in e[1:] if story[i] not in leads}),
        # An entry repeating part of another (a top-stories line, the alert) is a second view, not a split.
        "split_stories": sorted(k for k, ids in members.items()
                                if len(ids) > 1 and not any(ids <= set(e) for e in entries)),
    }, per_lang


def relevance(rest, shown, languages):
    """Per story (seed duplicates left out): a story is shown when any of its articles is."""
    stories = collections.defaultdict(list)
    for a in rest:
        stories[a["labels"].get("story") or a["id"]].append(a)
    relevant = {k for k, g in stories.items() if any(a["labels"]["relevant"] for a in g)}
    seen = {k for k, g in stories.items() if any(shown[a["id"]] for a in g)}
    per_lang = {}
    for code in languages:
        mine = [k for k in relevant if any(a["lang"] == code for a in stories[k])]
        hits = [k for k in mine if any(a["lang"] == code and shown[a["id"]] for a in stories[k])]
        per_lang[code] = ratio(len(hits), len(mine))
    return {
        "stories": len(stories), "relevant_stories": len(relevant), "shown_stories": len(seen),
        "relevant_shown": len(seen & relevant), "relevance_precision": ratio(len(seen & relevant), len(seen)),
        "relevance_recall": ratio(len(seen & relevant), len(relevant)),
        "missed_stories": sorted(relevant - seen), "offtheme_shown": sorted(seen - relevant),
    }, per_lang


def seed_figures(seed, shown, languages):
    """Seed duplicates kept out of every digest: overall, by dup_kind, French vs the rest, and per language."""
    def kept(group):
        return ratio(sum(not shown[a["id"]] for a in group), len(group))
    return {
        "seed_dups": len(seed), "seed_dup_recall": kept(seed),
        "seed_dup_recall_copy": kept([a for a in seed if a["labels"].get("dup_kind") == "copy"]),
        "seed_dup_recall_same_event": kept([a for a in seed if a["labels"].get("dup_kind") == "same_event"]),
        "seed_dup_recall_fr": kept([a for a in seed if a["lang"] == "fr"]),
        "seed_dup_recall_cross": kept([a for a in seed if a["lang"] != "fr"]),
        "seed_shown": sorted(a["id"] for a in seed if shown[a["id"]]),
    }, {code: kept([a for a in seed if a["lang"] == code]) for code in languages}


def stored_rows(path, articles):
    """The database row of each labelled article, matched by guid (the feed's guid is the url) or by address."""
    if not os.path.exists(path):
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    rows = db.execute("SELECT key, guid, url, status, dedup_reason, best_score, story_key FROM articles").fetchall()
    db.close()
    by = {}
    for r in rows:
        for address in (r["guid"], r["url"]):
            if address:
                by.setdefault(url_key(address), r)
    return {a["id"]: by[url_key(a["url"])] for a in articles if url_key(a["url"]) in by}


def is_seed_drop(row):
    return row["status"] == "duplicate" and re.match(r"(duplicate of|same event as) seed", row["dedup_reason"])


def db_pairs(articles, rows, story):
    """Pairwise grouping by the stored story key (an article's own key when it has none), whatever the digest
    shows. Over the stored articles that are not labelled seed duplicates."""
    ids = sorted(a["id"] for a in articles if a["id"] in rows and not a["labels"].get("duplicate_of_seed"))
    group = {i: rows[i]["story_key"] or rows[i]["key"] for i in ids}
    joined = [p for p in itertools.combinations(ids, 2) if group[p[0]] == group[p[1]]]
    same = [p for p in itertools.combinations(ids, 2) if story[p[0]] == story[p[1]]]
    wrong = [p for p in joined if story[p[0]] != story[p[1]]]
    missed = [p for p in same if group[p[0]] != group[p[1]]]
    return {"db_pair_precision": ratio(len(joined) - len(wrong), len(joined)),
            "db_pair_recall": ratio(len(same) - len(missed), len(same)),
            "db_joined_pairs": len(joined), "db_story_pairs": len(same)}, wrong, missed


def show(value):
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def table(f, langs, rows):
    print(f"== {f['set']} / {f['variant']}: {f['articles']} articles, {f['stories']} stories (seed duplicates aside),"
          f" {f['stored']} stored, {f['mails']} mails, monitor once exit {f['exit']}")
    lines = [
        ("grouping precision", f["merge_precision"],
         f"{f['merged_pairs'] - f['wrong_merges']}/{f['merged_pairs']} pairs under one entry are one story"),
        ("grouping recall", f["merge_recall"], f"{f['found_merges']}/{f['story_pairs']} same-story pairs of "
         f"the {f['shown']} linked articles are under one entry ({f['entries']} entries)"),
        ("hidden stories", len(f["hidden_stories"]), "shown only under another story's lead"),
        ("split stories", len(f["split_stories"]), "shown as 2+ entries, none holding all their articles"),
        ("relevance precision", f["relevance_precision"],
         f"{f['relevant_shown']}/{f['shown_stories']} shown stories are relevant"),
        ("relevance recall", f["relevance_recall"],
         f"{f['relevant_shown']}/{f['relevant_stories']} relevant stories shown"),
        ("db grouping precision", f["db_pair_precision"], f"of {f['db_joined_pairs']} pairs joined by story_key"),
        ("db grouping recall", f["db_pair_recall"], f"of {f['db_story_pairs']} same-story pairs stored"),
        ("seed-duplicate drops", f["seed_drops"], f"{f['seed_drops_wrong']} of them not seed duplicates"),
        ("dropped wrongly", len(f["dropped_wrongly"]), "relevant non-duplicates missing, stored as duplicate"),
    ]
    if f["seed_dups"]:
        lines += [("seed-dup recall", f["seed_dup_recall"], f"of {f['seed_dups']} seed duplicates kept out"),
                  ("  copy / same_event", "", f"{show(f['seed_dup_recall_copy'])} / "
                   f"{show(f['seed_dup_recall_same_event'])}"),
                  ("  fr / cross-language", "", f"{show(f['seed_dup_recall_fr'])} / "
                   f"{show(f['seed_dup_recall_cross'])}")]
    for name, value, what in lines:
        print(f"  {name:<22} {show(value):>6}  {what}")
    print(f"  {'language':<10} {'articles':>8} {'relevance R':>12} {'grouping R':>11}" +
          (f" {'seed-dup R':>11}" if f["seed_dups"] else ""))
    for code, n in langs.most_common():
        r = f["by_lang"][code]
        print(f"  {code:<10} {n:>8} {show(r['relevance_recall']):>12} {show(r['grouping_recall']):>11}" +
              (f" {show(r['seed_dup_recall']):>11}" if f["seed_dups"] else ""))
    for name in ("hidden_stories", "split_stories", "missed_stories", "offtheme_shown", "seed_shown"):
        if f.get(name):
            print(f"  {name.replace('_', ' ')}: {', '.join(f[name])}")
    for i in f["dropped_wrongly"]:
        print(f"  dropped wrongly: {i}: {rows[i]['dedup_reason']}")


def joins(rows, story, wrong, missed):
    """The developers' view of db_pairs: each stored story joining several labelled ones, each labelled story
    spread over several stored ones, with every article's stored dedup_reason."""
    lead = {row["key"]: i for i, row in rows.items()}
    def group(i):
        return lead.get(rows[i]["story_key"] or rows[i]["key"], "?")
    for title, pairs, by, other in (("wrong joins", wrong, group, lambda i: "story " + story[i]),
                                    ("missed joins", missed, lambda i: story[i], lambda i: "stored " + group(i))):
        print(f"  {title}: {len(pairs)} pairs")
        clusters = collections.defaultdict(set)
        for x, y in pairs:
            clusters[by(x)].update((x, y))
        for name, ids in sorted(clusters.items()):
            print(f"    {'stored story' if by is group else 'story'} {name}:")
            for i in sorted(ids):
                print(f"      {i} [{other(i)}] {rows[i]['dedup_reason']}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("run")
    ap.add_argument("--set", default="set")
    ap.add_argument("--variant", default="baseline")
    ap.add_argument("--exit", type=int, default=0)
    ap.add_argument("--db-pairs", action="store_true")
    args = ap.parse_args()
    with open(args.articles, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    story = {a["id"]: a["labels"].get("story") or a["id"] for a in articles}
    lang = {a["id"]: a["lang"] for a in articles}
    langs = collections.Counter(lang.values())
    digests = Digests(os.path.join(args.run, "mail"), articles)
    shown = {a["id"]: digests.shown(a) for a in articles}
    seed = [a for a in articles if a["labels"].get("duplicate_of_seed")]
    rest = [a for a in articles if not a["labels"].get("duplicate_of_seed")]
    rows = stored_rows(os.path.join(args.run, "data", "monitor.db"), articles)

    f = {"set": args.set, "variant": args.variant, "exit": args.exit, "articles": len(articles),
         "stored": len(rows), "mails": digests.mails}
    g, g_lang = grouping(digests.entries, story, lang, langs)
    r, r_lang = relevance(rest, shown, langs)
    s, s_lang = seed_figures(seed, shown, langs)
    d, wrong, missed = db_pairs(articles, rows, story)
    drops = [i for i, row in rows.items() if is_seed_drop(row)]
    f.update(g, **r, **s, **d, seed_drops=len(drops),
             seed_drops_wrong=sum(1 for i in drops if i not in {a["id"] for a in seed}),
             dropped_wrongly=sorted(a["id"] for a in rest if a["labels"]["relevant"] and not shown[a["id"]]
                                    and a["id"] in rows and rows[a["id"]]["status"] == "duplicate"))
    f["by_lang"] = {c: {"relevance_recall": r_lang[c], "grouping_recall": g_lang[c], "seed_dup_recall": s_lang[c]}
                    for c in langs}

    table(f, langs, rows)
    if args.db_pairs:
        joins(rows, story, wrong, missed)
    print(json.dumps(f, ensure_ascii=False))


if __name__ == "__main__":
    main()
