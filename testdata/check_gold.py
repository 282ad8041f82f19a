#!/usr/bin/env python3
"""Check testdata/gold/*.json against testdata/articles/*.txt.

usage: python3 testdata/check_gold.py [-v]

For every gold file it checks that:
  - the JSON has the shape of the evaluation kit's gold files and names an existing article;
  - every alias occurs in the article exactly as written (case-sensitive); the canonical
    name is exempt, since it may be a full name the article never spells out;
  - every ignore string occurs in the article;
  - no alias starts with a title or ends with a possessive 's;
  - no surface form (normalised as the scorer does) belongs to two entities, or to an
    entity and the ignore list;
  - every capitalised word of the article lies inside an alias, a name or an ignore string,
    or is a common word listed in NOT_ENTITIES below (sentence starters, titles, headline words).
Exit status 0 when all checks pass, 1 otherwise. -v also prints each file's counts.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLES = os.path.join(HERE, "articles")
GOLD = os.path.join(HERE, "gold")
TYPES = {"PERSON", "ORG", "LOC"}
ALT_TYPES = TYPES | {"EVENT", "MISC"}
TITLES = ("President ", "Prime Minister ", "Chancellor ", "Secretary ", "Minister ", "Mr. ", "Mrs. ",
          "Ms. ", "Dr. ", "Sen. ", "Rep. ", "Gov. ", "Speaker ", "Governor ", "Chairman ", "Sir ")

# Capitalised words that are not (part of) entity names in these articles: sentence and
# heading starters, titles and offices, and ordinary words in Title Case headlines.
NOT_ENTITIES = set("""
A About According Adaptation After Agreement Ahead Air All Allies Also Among An And Any Are Arrive At
Being Both But By Can Cities Climate Coast Companies Conference Consumer Core Culture Dates Delegates
Deputy Despite Director Director-General Does During Each Earlier Economists Economy Election
Even Every Executive Existing Explainer Exit Fans Federal Five For Foreign Forests From Funding General
Give Great Growth Guarantees Higher Holds Hotels How If In Indigenous Inflation It Its Kickoff
Last Lawmakers Local Looks Managing Meet Minister Ministers More Most Near Negotiators New
Nearly News No On One Organizers Other Our Outside Over Parties Plan Pledges Preliminary
President Prime Public Rates Renovated Reporting Room Scientific Secretary Secretary-General Several
She Shares Signals Small Speaking Staff Steady Tariffs The Their There They This Those Tightens Timeline
To Tour Trade Turnout Under Unveils Us Vice-President Visitors We Weigh What When Where Whatever While
Who Why Win With Work Yields Chair Chief Commissioner Speaker Sen Dr Mr Ms Governor Chairman Scrutiny
Patience Debates Takes Effect Looks Form Coalition Conservatives Concedes Wins Race Clock Nears Race
Stadium Viruses Officials Public Deposit Staff Projections Bond Key Next Spring Review Covers
Competition Chief Weighs View Rules Main Tracks Fund Standing Heat Table Venue Reactions Comes
Celebrates Gains Promises Quick Talks Tournament Long Distances Transit Security Teams Business Game
Defending Changes Countries Donors Includes Warning Inside Legacy Painting Traveled
Prices Plan Ceasefire Track Offer Looking Center Spending Global Picture Focus Meeting React
Policymakers Said Sports Soccer Photo Photos File Pool Share Read Advertisement Top Stories Stories
I Ask
As Open Finance Agenda Own He Party Analysts Reports Vice
""".split())


def norm(s):
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"'s$|'$", "", s.strip())
    s = s.replace(".", "")
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return re.sub(r"^the ", "", s)


def spans(text, needle):
    i = text.find(needle)
    while i >= 0:
        yield i, i + len(needle)
        i = text.find(needle, i + 1)


def check(gold_path, verbose):
    errs = []
    with open(gold_path, encoding="utf-8") as fh:
        g = json.load(fh)
    doc = g.get("document", "")
    if os.path.splitext(os.path.basename(gold_path))[0] != os.path.splitext(doc)[0]:
        errs.append("document %r does not match file name" % doc)
    path = os.path.join(ARTICLES, doc)
    if not os.path.exists(path):
        return ["article %s not found" % doc]
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    ents = [(e, "entities") for e in g.get("entities", [])] + [(e, "optional") for e in g.get("optional", [])]
    ignore = g.get("ignore", [])
    owner = {}
    covered = bytearray(len(text))

    def cover(s):
        for a, b in spans(text, s):
            covered[a:b] = b"\x01" * (b - a)

    for e, where in ents:
        name = e.get("name")
        if not name or e.get("type") not in TYPES or not e.get("aliases"):
            errs.append("%s: malformed entry %r" % (where, e))
            continue
        for t in e.get("alt_types", []):
            if t not in ALT_TYPES:
                errs.append("%s: unknown alt_type %r" % (name, t))
        for a in e["aliases"]:
            if a != name and a not in text:
                errs.append("%s: alias %r does not occur in the text" % (name, a))
            if a.startswith(TITLES):
                errs.append("%s: alias %r starts with a title" % (name, a))
            if re.search(r"['\u2019]s$", a):
                errs.append("%s: alias %r ends with a possessive" % (name, a))
            n = norm(a)
            if owner.get(n, name) != name:
                errs.append("form %r belongs to both %r and %r" % (a, owner[n], name))
            owner[n] = name
            cover(a)
        cover(name)
    for s in ignore:
        if s not in text:
            errs.append("ignore string %r does not occur in the text" % s)
        if norm(s) in owner:
            errs.append("ignore string %r is also an alias of %r" % (s, owner[norm(s)]))
        cover(s)
    for m in re.finditer(r"[^\W\d_][\w'\u2019.&]*", text):
        w = m.group(0)
        if not w[0].isupper():
            continue
        bare = re.sub(r"(['\u2019]s|['\u2019])$", "", w.rstrip(".")).rstrip(".")
        if all(covered[m.start():m.start() + len(bare)]):
            continue
        if bare in NOT_ENTITIES or bare.capitalize() in NOT_ENTITIES:
            continue
        line = text.count("\n", 0, m.start()) + 1
        errs.append("line %d: capitalised %r is not covered by gold, optional or ignore" % (line, w))
    if verbose:
        print("%s: %d entities, %d optional, %d ignore" % (doc, len(g.get("entities", [])),
                                                           len(g.get("optional", [])), len(ignore)))
    return errs


def main(argv):
    verbose = "-v" in argv
    bad = 0
    files = sorted(f for f in os.listdir(GOLD) if f.endswith(".json"))
    golds = {os.path.splitext(f)[0] for f in files}
    for f in sorted(os.listdir(ARTICLES)):
        if f.endswith(".txt") and os.path.splitext(f)[0] not in golds:
            print("%s: no gold file" % f)
            bad += 1
    for f in files:
        for e in check(os.path.join(GOLD, f), verbose):
            print("%s: %s" % (f, e))
            bad += 1
    print("ok" if not bad else "%d problems" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
