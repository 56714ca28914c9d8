"""Reads the digests a run mailed, as a reader sees them: which labelled articles are shown, and how the HTML groups
them into entries. Used by score.py."""
import collections
import email
import html
import os
import re
import unicodedata
from email import policy
from html.parser import HTMLParser


def url_key(url):
    """An address without scheme, www., fragment, tracking parameters or trailing slash: how a link in a digest or a
    row in the database is matched to a labelled article, whatever cleaning the monitor applied."""
    u = re.sub(r"^https?://(www\.)?", "", url.strip()).split("#")[0]
    u = re.sub(r"[?&](utm_[^=&]*|fbclid|gclid)=[^&]*", "", u)
    return u.rstrip("/?&").casefold()


def _norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip().casefold()


class _Entries(HTMLParser):
    """Collects, per innermost td/li/article/section block, the labelled articles it links to, in link order."""
    BLOCKS = {"td", "li", "article", "section"}

    def __init__(self, by_url):
        super().__init__(convert_charrefs=True)
        self.by_url, self.open, self.count = by_url, [], 0
        self.entries = collections.OrderedDict()

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.count += 1
            self.open.append((tag, self.count))
        elif tag == "a":
            article = self.by_url.get(url_key(dict(attrs).get("href") or ""))
            if article:
                ids = self.entries.setdefault(self.open[-1][1] if self.open else 0, [])
                if article["id"] not in ids:
                    ids.append(article["id"])

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            for i in range(len(self.open) - 1, -1, -1):
                if self.open[i][0] == tag:
                    del self.open[i:]
                    break


class Digests:
    """`mails`: messages read; `entries`: one list of article ids per digest entry, the lead first;
    `shown(article)`: whether its title (first 50 characters) or address appears anywhere in a mail."""

    def __init__(self, folder, articles):
        by_url = {url_key(a["url"]): a for a in articles}
        self.mails, self.entries, texts = 0, [], []
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith(".eml"):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                message = email.message_from_bytes(f.read(), policy=policy.default)
            self.mails += 1
            for part in message.walk():
                if part.get_content_type() not in ("text/plain", "text/html"):
                    continue
                content = part.get_content()
                texts.append(_norm(html.unescape(content)))
                if part.get_content_type() == "text/html":
                    parser = _Entries(by_url)
                    parser.feed(content)
                    self.entries += [e for e in parser.entries.values() if e]
        self.text = "\n".join(texts)

    def shown(self, article):
        title = _norm(article.get("title") or "")[:50]
        address = re.sub(r"^https?://", "", article["url"]).split("?")[0].split("#")[0].rstrip("/").casefold()
        return (len(title) >= 12 and title in self.text) or (len(address) > 10 and address in self.text)
