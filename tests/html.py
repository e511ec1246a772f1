"""Reading pages the way a visitor or crawler does: parsed HTML, visible text, metadata."""

import json
import re

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"


def parse(response):
    content = response.content.decode() if hasattr(response, "content") else response
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
    return parser.parse(content)


def parse_errors(response):
    """html5lib's parse errors: an empty list means the document is well-formed HTML."""
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(response.content.decode())
    return parser.errors


def find_all(tree, tag, **attrs):
    found = []
    for el in tree.iter(NS + tag):
        if all(el.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items()):
            found.append(el)
    return found


def find(tree, tag, **attrs):
    found = find_all(tree, tag, **attrs)
    return found[0] if found else None


def text(el):
    return " ".join("".join(el.itertext()).split())


def table_rows(tree):
    """The comparison table as {row label: [cell A text, cell B text]}."""
    table = find(tree, "table")
    rows = {}
    for tr in find_all(table, "tr")[1:]:
        th = find(tr, "th")
        rows[text(th)] = [text(td) for td in find_all(tr, "td")]
    return rows


def meta(tree):
    """Title, description, canonical, robots, Open Graph and Twitter tags of a page."""
    head = find(tree, "head")
    data = {"title": text(find(head, "title"))}
    for el in find_all(head, "meta"):
        key = el.get("name") or el.get("property")
        if key:
            data[key] = el.get("content")
    canonical = find(head, "link", rel="canonical")
    data["canonical"] = canonical.get("href") if canonical is not None else None
    return data


def jsonld(tree):
    return [
        json.loads(el.text)
        for el in find_all(tree, "script")
        if el.get("type") == "application/ld+json"
    ]


def links(tree):
    return [a.get("href") for a in find_all(tree, "a") if a.get("href")]


def visible_text(tree):
    body = find(tree, "body")
    for el in list(find_all(body, "script")) + list(find_all(body, "svg")):
        el.clear()
    return re.sub(r"\s+", " ", "".join(body.itertext()))
