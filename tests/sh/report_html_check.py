#!/usr/bin/env python3
"""Checks a report's HTML: it parses with balanced tags, holds the three SVG
charts with drawn marks, prints cleanly (@media print), and references
nothing outside itself (no scripts, links, images, src/href, @import, url()).
Prints one line per problem; exits 1 when there is any."""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed",
        "source", "track", "wbr"}
SVG_SELF = {"rect", "line", "polyline", "circle", "path", "polygon"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.svgs = [], [], {}
        self.cur_svg, self.style, self.in_style, self.title = None, "", False, ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "object", "embed", "base"):
            self.problems.append("element <%s> is not allowed" % tag)
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster"):
                self.problems.append("attribute %s=%r refers outside" % (name, value))
            if name.startswith("on"):
                self.problems.append("event handler %s" % name)
            if "url(" in v or "javascript:" in v:
                self.problems.append("attribute %s=%r refers outside" % (name, value))
        if tag == "svg":
            self.cur_svg = a.get("id", "?")
            self.svgs[self.cur_svg] = {}
        elif self.cur_svg is not None:
            self.svgs[self.cur_svg][tag] = self.svgs[self.cur_svg].get(tag, 0) + 1
        if tag == "style":
            self.in_style = True
        if tag == "title" and not self.stack[-1:] == ["svg"] and self.cur_svg is None:
            self.in_title = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
            return
        self.stack.pop()
        if tag == "svg":
            self.cur_svg = None
        if tag == "style":
            self.in_style = False
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        if self.in_title:
            self.title += data


def main(path, weekly=True):
    text = open(path, encoding="utf-8").read()
    c = Check()
    c.feed(text)
    c.close()
    p = c.problems
    if not text.startswith("<!DOCTYPE html>"):
        p.append("no doctype")
    if c.stack:
        p.append("unclosed: %s" % c.stack)
    style = c.style.lower()
    if "@import" in style or "url(" in style:
        p.append("style refers outside")
    if "@font-face" in style:
        p.append("style loads a font")
    if "@media print" not in style:
        p.append("no @media print")
    charts = ["chart-pareto", "chart-trend"] + (["chart-kind-day"] if weekly else [])
    for chart in charts:
        if chart not in c.svgs:
            p.append("no svg %s" % chart)
        elif not c.svgs[chart].get("rect"):
            p.append("svg %s draws no bars" % chart)
    if "chart-pareto" in c.svgs and not c.svgs["chart-pareto"].get("polyline"):
        p.append("pareto has no cumulative line")
    for chart, tags in c.svgs.items():
        if "title" not in tags:
            p.append("svg %s has no title" % chart)
    for line in p:
        print(line)
    print("svgs: " + ", ".join("%s(%d rect)" % (k, v.get("rect", 0)) for k, v in sorted(c.svgs.items())))
    return 1 if p else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], len(sys.argv) < 3 or sys.argv[2] != "daily"))
