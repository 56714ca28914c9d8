#!/usr/bin/python3
"""feeds.py ARTICLES.jsonl OUTDIR: writes a labelled set as RSS 2.0 feeds, one file per `source` site, and prints
the file names (without .xml), sorted. Each item carries its title (none when null), link and guid (the article's
url), the text as HTML paragraphs, and a pubDate at noon UTC of its `published` day (none when null), so the
monitor sees the dates a real feed would give; run it with a look-back long enough to take them."""
import collections
import datetime
import html
import json
import os
import re
import sys


def item(a):
    parts = [f"<title>{html.escape(a['title'])}</title>"] if a.get("title") else []
    parts += [f"<link>{html.escape(a['url'])}</link>", f"<guid>{html.escape(a['url'])}</guid>"]
    if a.get("published"):
        day = datetime.datetime.fromisoformat(a["published"] + "T12:00:00+00:00")
        parts.append(f"<pubDate>{day.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in a["text"].split("\n") if p.strip())
    parts.append(f"<description>{html.escape(body)}</description>")
    return "<item>" + "".join(parts) + "</item>\n"


def main(articles, out):
    os.makedirs(out, exist_ok=True)
    sites = collections.defaultdict(list)
    with open(articles, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                sites[re.sub(r"[^a-z0-9]+", "-", (a.get("source") or "misc").lower())].append(a)
    for name, items in sites.items():
        with open(os.path.join(out, name + ".xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                    f"<title>{name}</title><link>https://{name}.example.test/</link>"
                    f"<description>{name}</description>\n")
            f.writelines(item(a) for a in items)
            f.write("</channel></rss>\n")
    print("\n".join(sorted(sites)))


if __name__ == "__main__":
    main(*sys.argv[1:3])
