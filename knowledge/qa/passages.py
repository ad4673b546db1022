"""Find the sentence that answers, within the resolved cables (stage 3 of the pipeline).

A cable is cut into units: the sentences of its text as printed (stamps and closing lines
included), its footnotes (editors' notes, labelled as such) and the archive's description.
Each unit is scored by the question's focus words it holds, each word weighed by how rare it
is among the units of the cables considered (an IDF, as BM25 weighs terms), matched exactly,
as a singular or stem, as an abbreviation's prefix or misspelt (rapidfuzz ratio).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.aliases import norm
from knowledge.memo import memo
from knowledge.records import Cable
from knowledge.text import sentences, singular, stem

TYPO_MATCH = 85  # rapidfuzz ratio at which a question word of 5+ letters is a misspelt text word
# Abbreviations of telegraphese and of students' typing, read as the words they stand for.
ABBREVIATIONS = {
    "div": "division", "divs": "division", "govt": "government", "gov": "government",
    "ammo": "ammunition", "yr": "year", "yrs": "year", "mtg": "meeting", "rec": "recommendation",
    "recs": "recommendation", "ltr": "letter", "tel": "telegram", "msg": "message",
    "info": "information", "dept": "department", "fm": "foreign minister", "amb": "ambassador",
    "emb": "embassy", "mil": "military", "pow": "prisoner", "pows": "prisoner", "xmas": "christmas",
    "approx": "approximately", "arty": "artillery", "aa": "anti-aircraft", "intl": "international",
    "primin": "prime minister", "pm": "prime minister", "sec": "secretary", "secy": "secretary",
    "mfa": "ministry foreign affairs", "mid": "ministry foreign affairs", "ussr": "soviet",
    "depcirtel": "department circular telegram", "circtel": "circular telegram",
    # FRUS telegraphese
    "fonmin": "foreign minister", "fonoff": "foreign office", "fonsecy": "foreign secretary",
    "ind": "indian", "brit": "british", "sovs": "soviet", "natl": "national", "natls": "national",
    "posn": "position", "polit": "political", "conv": "conversation", "del": "delegation",
    "dels": "delegation", "mtgs": "meeting", "recd": "received", "govts": "government",
    "ga": "general assembly", "unga": "general assembly", "sc": "security council",
}  # fmt: skip
# The other way: a question's "ambassador" meets the cable's "Amb".
SHORT_FORMS: dict[str, tuple[str, ...]] = {}
for _short, _full in ABBREVIATIONS.items():
    if " " not in _full:
        SHORT_FORMS[_full] = (*SHORT_FORMS.get(_full, ()), _short)
# A word of a several-word expansion, from the longer abbreviations (a short one may be an
# English word, "mid"): the question's "circular telegram" meets the cable's "Depcirtel".
PART_FORMS: dict[str, tuple[str, ...]] = {}
for _short, _full in ABBREVIATIONS.items():
    if " " in _full and len(_short) >= 5:
        for _part in _full.split():
            PART_FORMS[_part] = (*PART_FORMS.get(_part, ()), _short)
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-]*|\d[\d,./\-]*")


@dataclass(frozen=True)
class Unit:
    """One quotable stretch of a cable: a sentence, a stamp line, a footnote."""

    cable: str
    text: str
    part: str  # 'body', 'header', 'closing', 'footnote', 'description', 'title'
    order: int
    paragraph: int = 0  # units of one paragraph share it; a sentence's context is its paragraph


NOTE_NUMBER = re.compile(r"^\d{1,3}\.\s+")


def _blocks(c: Cable) -> list[tuple[str, str]]:
    """(part, text) blocks of a cable, as printed where the store has the printed text."""
    out: list[tuple[str, str]] = []
    if c.description:
        out.append(("description", c.description))
    footnotes = set(c.footnotes)
    if c.printed:
        for line in printed_paragraphs(c.printed):
            bare = NOTE_NUMBER.sub("", line)  # a printed footnote opens with its number: "3. The reply ..."
            note = line in footnotes or bare in footnotes or any(bare in n for n in footnotes if len(bare) > 30)
            out.append(("footnote" if note else "body", line))
    else:
        header = "\n".join(x for x in (c.issuing_office, c.header_block()) if x)
        out += [("header", ln) for ln in header.splitlines() if ln.strip()]
        out += [("body", p) for p in c.paragraphs]
        out += [("closing", ln) for ln in c.closing_block().splitlines() if ln.strip()]
    printed_notes = c.printed and any(n in c.printed for n in footnotes)
    if not printed_notes:
        out += [("footnote", n) for n in c.footnotes]
    out += [("body", r) for r in c.routing if r not in (c.printed or "")]
    return out


WRAP_WIDTH = 55  # a printed line this long that ends mid-sentence was wrapped, not ended


def printed_paragraphs(printed: str) -> list[str]:
    """The printed text's lines, with hard-wrapped lines of one paragraph joined again.

    A line is its own unit (a heading, a stamp, a paragraph of a Markdown page) unless it
    ends mid-sentence and is long, or the next line goes on in lower case.
    """
    lines = [ln.strip() for ln in printed.splitlines()]
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        if not line:
            joining = False
            continue
        if joining and out:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        after = lines[i + 1] if i + 1 < len(lines) else ""
        ends = re.search(r"[.!?:;\"”’)\]]$", line)
        joining = bool(after) and not ends and (len(line) >= WRAP_WIDTH or after[:1].islower())
    return out


@memo(maxsize=2048)
def units_of(c: Cable) -> tuple[Unit, ...]:
    """The cable's quotable units in reading order."""
    out: list[Unit] = []
    for paragraph, (part, text) in enumerate(_blocks(c)):
        text = " ".join(text.split())
        pieces = sentences(text) if part in ("body", "footnote", "description") else [text]
        for s in pieces:
            out.append(Unit(c.id, s, part, len(out), paragraph))
    return tuple(out)


@memo(maxsize=65_536)
def word_forms(text: str) -> tuple[str, ...]:
    """Lower-case words of a unit, each with its singular and stem."""
    out: list[str] = []
    for m in _WORD.finditer(text):
        w = norm(m.group(0).replace("’", "'")).replace(" ", "-").strip("-'")
        if not w:
            continue
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
        for part in w.split("-") if "-" in w else ():
            out.append(part)
    return tuple(out)


# Past forms a crude stem cannot undo ("foresaw" is "foresee"): a question asks "what did he
# foresee" of a cable that says "he foresaw".
IRREGULAR = {
    "saw": "see", "seen": "see", "foresaw": "foresee", "foreseen": "foresee", "gave": "give",
    "given": "give", "took": "take", "taken": "take", "told": "tell", "said": "say", "thought": "think",
    "sent": "send", "brought": "bring", "began": "begin", "begun": "begin", "chose": "choose",
    "chosen": "choose", "made": "make", "met": "meet", "knew": "know", "known": "know", "wrote": "write",
    "written": "write", "spoke": "speak", "spoken": "speak", "sought": "seek", "held": "hold",
    "left": "leave", "led": "lead", "felt": "feel", "kept": "keep", "got": "get", "found": "find",
    "went": "go", "gone": "go", "came": "come", "became": "become", "lost": "lose", "paid": "pay",
    "bought": "buy", "fought": "fight", "flew": "fly", "flown": "fly", "drew": "draw", "drawn": "draw",
    "broke": "break", "broken": "break", "fell": "fall", "fallen": "fall", "withdrew": "withdraw",
    "withdrawn": "withdraw", "undertook": "undertake", "understood": "understand", "stood": "stand",
    "rose": "rise", "risen": "rise", "struck": "strike", "sold": "sell", "built": "build", "meant": "mean",
    "heard": "hear", "forgot": "forget", "forgotten": "forget", "threw": "throw", "thrown": "throw",
    "drove": "drive", "driven": "drive", "foretold": "foretell", "overcame": "overcome", "sank": "sink",
    "sunk": "sink", "shot": "shoot", "bore": "bear", "borne": "bear", "taught": "teach",
}  # fmt: skip


@memo(maxsize=65_536)
def vocab_index(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words with their singulars, crude stems) of a unit's text, for set lookups."""
    words = word_forms(text)
    held = frozenset(words) | frozenset(singular(w) for w in words) | frozenset(IRREGULAR[w] for w in words if w in IRREGULAR)
    return held, frozenset(stem(singular(w)) for w in words if len(w) >= 3) | frozenset(root(w) for w in words if len(w) >= 7)


NOUN_SUFFIXES = ("ments", "ment", "ations", "ation", "als", "al", "ances", "ance", "ences", "ence")


def root(word: str) -> str:
    """The verb a noun is made from, stemmed: 'agreement' and 'agrees' meet at 'agre',
    'withdrawal' and 'withdraw' at 'withdraw'."""
    if word.endswith(("ication", "ications")):
        return stem(word[: word.rindex("ication")] + "y")  # "application": "apply"
    for suffix in NOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return stem(singular(word[: -len(suffix)]))
    return stem(singular(word))


def typos_of(word: str, vocab: frozenset[str] | set[str]) -> frozenset[str]:
    """Words of vocab that word may be a slip for (rapidfuzz ratio >= TYPO_MATCH, 5+ letters)."""
    if len(word) < 5:
        return frozenset()
    # rapidfuzz scores the whole vocabulary in C; the length test then keeps the same words
    # a filtered list would have given it
    near = process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=TYPO_MATCH, limit=None)
    return frozenset(v for v, _score, _i in near if abs(len(v) - len(word)) <= 2 and len(v) >= 3)


def _quality(word: str, held: frozenset[str], stems: frozenset[str], typos: frozenset[str]) -> float:
    if word in held or singular(word) in held:
        return 1.0
    full = ABBREVIATIONS.get(word)
    if full and all(w in held or singular(w) in held or stem(w) in stems for w in full.split()):
        return 0.9
    if any(a in held for a in SHORT_FORMS.get(word, ())):
        return 0.9  # the cable's telegraphese: "Amb Briggs" for the ambassador
    if any(a in held for a in PART_FORMS.get(singular(word), ())):
        return 0.9  # "Depcirtel 334" for the circular telegram
    if len(word) >= 3 and stem(singular(word)) in stems:
        return 0.9
    if len(word) >= 7 and root(word) in stems:
        return 0.85  # the noun for the cable's verb, or the other way: "agreement", "agrees"
    if "-" in word and all(p in held or singular(p) in held for p in word.split("-") if p):
        return 1.0  # "kirk-vyshinsky" in "the Kirk–Vyshinsky conversation" (a dash the text kept)
    return 0.7 if typos and not typos.isdisjoint(held) else 0.0


@memo(maxsize=32_768)
def holds(word: str, text: str) -> bool:
    """Whether text holds word: as written or singular, as an abbreviation or stem, or
    misspelt (rapidfuzz ratio >= TYPO_MATCH). The text's words are indexed once (memo), and
    the answer for a word and a text is kept (memo): a sentence is asked about again."""
    held, stems = vocab_index(text)
    if _quality(word, held, stems, frozenset()) > 0:
        return True  # the slips are looked for only when nothing else matched
    return len(word) >= 5 and _quality(word, held, stems, typos_of(word, held)) > 0


@dataclass(frozen=True)
class _Forms:
    """A question word's forms, derived once, that _quality would derive for every unit."""

    exact: frozenset[str]  # the word and its singular
    full: tuple[tuple[str, str, str], ...]  # its abbreviation's expansion: (word, singular, stem)
    short: tuple[str, ...]  # the short forms of the word (SHORT_FORMS)
    parts: tuple[str, ...]  # the abbreviations its singular is part of (PART_FORMS)
    stem: str | None  # stem of its singular (3+ letters)
    root: str | None  # root (7+ letters)
    hyphen: tuple[tuple[str, str], ...] | None  # a hyphened word's parts with their singulars
    held_cues: frozenset[str]  # a unit's words of which one must be held for any match
    stem_cues: frozenset[str]  # the same among a unit's stems


@memo(maxsize=16_384)
def _forms(word: str) -> _Forms:
    full = ABBREVIATIONS.get(word)
    full_forms = tuple((w, singular(w), stem(w)) for w in full.split()) if full else ()
    hyphen = tuple((p, singular(p)) for p in word.split("-") if p) if "-" in word else None
    exact = frozenset((word, singular(word)))
    short = SHORT_FORMS.get(word, ())
    parts = PART_FORMS.get(singular(word), ())
    word_stem = stem(singular(word)) if len(word) >= 3 else None
    word_root = root(word) if len(word) >= 7 else None
    held_cues = {*exact, *short, *parts, *(x for w, s, _t in full_forms for x in (w, s))}
    held_cues |= {x for p in hyphen or () for x in p}
    stem_cues = {t for _w, _s, t in full_forms} | {x for x in (word_stem, word_root) if x is not None}
    return _Forms(
        exact, full_forms, short, parts, word_stem, word_root, hyphen, frozenset(held_cues), frozenset(stem_cues)
    )


def _quality_of(f: _Forms, held: frozenset[str], stems: frozenset[str], typos: frozenset[str]) -> float:
    """_quality of the word whose forms f are, the same tests in the same order."""
    if not f.exact.isdisjoint(held):
        return 1.0
    if f.full and all(w in held or s in held or t in stems for w, s, t in f.full):
        return 0.9
    if any(a in held for a in f.short):
        return 0.9
    if any(a in held for a in f.parts):
        return 0.9
    if f.stem is not None and f.stem in stems:
        return 0.9
    if f.root is not None and f.root in stems:
        return 0.85
    if f.hyphen is not None and all(p in held or s in held for p, s in f.hyphen):
        return 1.0
    return 0.7 if typos and not typos.isdisjoint(held) else 0.0


@memo(maxsize=4096)
def _run_vocab(
    texts: tuple[str, ...],
) -> tuple[tuple[tuple[frozenset[str], frozenset[str]], ...], frozenset[str]]:
    """vocab_index of each text (a cable's units), and the union of their words."""
    vocabs = tuple(vocab_index(t) for t in texts)
    return vocabs, frozenset().union(*(held for held, _stems in vocabs))


class Matcher:
    """Which of a question's words each unit holds, and how well (see _quality): the
    slips a word may be are found once against all the units' words, not unit by unit.

    A unit holding none of the words' forms (nor their slips) is known to hold none of them
    by two set tests, before any word is scored."""

    def __init__(self, words: list[str], units: list[Unit], alternatives: dict[str, tuple[str, ...]]) -> None:
        self.vocabs: list[tuple[frozenset[str], frozenset[str]]] = []
        unions: list[frozenset[str]] = []
        i = 0
        while i < len(units):  # each cable's run of units, indexed once for all (memo)
            j = i + 1
            while j < len(units) and units[j].cable == units[i].cable:
                j += 1
            vocabs, held = _run_vocab(tuple(u.text for u in units[i:j]))
            self.vocabs += vocabs
            unions.append(held)
            i = j
        union: set[str] = set().union(*unions)
        self.words = words
        self.alternatives = alternatives
        every = set(words) | {a for w in words for a in alternatives.get(w, ())}
        self.typos = {w: typos_of(w, union) for w in every if len(w) >= 5 and w not in union}
        self.forms = {w: _forms(w) for w in every}
        self.held_cues = frozenset().union(*(f.held_cues for f in self.forms.values()), *self.typos.values())
        self.stem_cues = frozenset().union(*(f.stem_cues for f in self.forms.values()))
        # a hyphened word of no letters ("-") is held by every unit: no unit can be passed over
        self.always = any(f.hyphen == () for f in self.forms.values())
        self.none: dict[str, float] = dict.fromkeys(words, 0.0)  # shared: never changed

    def qualities(self) -> list[dict[str, float]]:
        """quality() of each of the units given, in their order."""
        return [self._quality(held, stems) for held, stems in self.vocabs]

    def quality(self, u: Unit) -> dict[str, float]:
        """Each word's quality in the unit (0 to 1). The dict is the caller's to read, not change."""
        return self._quality(*vocab_index(u.text))

    def _quality(self, held: frozenset[str], stems: frozenset[str]) -> dict[str, float]:
        if not self.always and self.held_cues.isdisjoint(held) and self.stem_cues.isdisjoint(stems):
            return self.none
        empty = frozenset()
        forms = self.forms
        out = {}
        for w in self.words:
            q = _quality_of(forms[w], held, stems, self.typos.get(w, empty))
            if q < 1.0:
                for a in self.alternatives.get(w, ()):
                    q = max(q, 0.9 * _quality_of(forms[a], held, stems, self.typos.get(a, empty)))
            out[w] = q
        return out


@dataclass
class Scored:
    unit: Unit
    coverage: float  # weighted share of the focus words it holds (with its context's)
    matched: frozenset[str]
    score: float
    context: Unit | None = None  # the sentence before it, when that sentence holds words too
    lent: frozenset[str] = frozenset()  # matched words only its cable's heading holds

    @property
    def own(self) -> frozenset[str]:
        """The matched words the sentence or its context hold, without those lent by the heading."""
        return self.matched - self.lent

    @property
    def quote(self) -> str:
        """The sentence, with the sentence before it when that one gave part of the evidence."""
        return f"{self.context.text} {self.unit.text}" if self.context else self.unit.text


CONTEXT_SENTENCES = 3  # sentences of the paragraph before a sentence that lend it their words
HEADING_SHARE = 0.8  # a word the cable's heading holds ("Gromyko" of Gromyko's cable), for its sentences
CONTEXT_SHARE = 0.5  # a word held only by the sentence before counts half ("They ... the loan at 2 billion")


# Everyday English words: rare in a handful of cables, but no sign that a sentence is about
# the question ("who did Kim want to bring along": "bring" and "along" say little).
GENERIC = frozenset(["bring", "along", "take", "took", "taken", "see", "seen", "saw", "make", "made", "give", "gave", "go", "went", "come", "came", "put", "keep", "kept", "let", "seem", "show", "hear", "play", "run", "move", "live", "believe", "hold", "held", "happen", "sit", "stand", "lose", "lost", "pay", "meet", "include", "continue", "set", "learn", "change", "lead", "understand", "watch", "follow", "stop", "create", "speak", "read", "allow", "add", "spend", "grow", "open", "walk", "win", "offer", "remember", "consider", "appear", "buy", "wait", "serve", "die", "expect", "build", "stay", "fall", "cut", "reach", "remain", "suggest", "raise", "pass", "sell", "require", "decide", "pull", "also", "really", "very", "still", "even", "well", "back", "now", "then", "there", "here", "much", "many", "more", "most", "other", "new", "old", "good", "great", "first", "last", "long", "little", "own", "right", "big", "high", "different", "small", "large", "next", "early", "young", "important", "few", "public", "bad", "same", "able", "whole", "certain", "clear", "full", "part", "way", "thing", "things", "time", "times", "day", "days", "year", "years", "people", "man", "men", "case", "point", "fact", "use", "used", "using", "try", "tried", "ask", "asked", "tell", "told", "think", "thought", "know", "knew", "known", "want", "wanted", "like", "need", "needed", "find", "found", "call", "called", "work", "worked"])
GENERIC_WEIGHT = 0.3


def idf(words: list[str], units: list[Unit]) -> dict[str, float]:
    """Rarity of each word among the units (BM25's IDF, floored at a small positive weight);
    everyday words (GENERIC) weigh GENERIC_WEIGHT of that."""
    n = len(units) or 1
    out = {}
    matcher = Matcher(words, units, {})
    held = [q for q in matcher.qualities() if q is not matcher.none]
    for w in words:
        df = sum(1 for q in held if q[w] > 0)
        weight = max(0.2, math.log((n - df + 0.5) / (df + 0.5) + 1))
        out[w] = weight * (GENERIC_WEIGHT if w in GENERIC else 1.0)
    return out


def score_units(
    words: list[str],
    units: list[Unit],
    *,
    weights: dict[str, float] | None = None,
    alternatives: dict[str, tuple[str, ...]] | None = None,
    lent: dict[str, frozenset[str]] | None = None,
) -> list[Scored]:
    """Units by the weighted share of words they hold, best first; units holding none left out.

    alternatives maps a word to others that stand for it ("accept": "agree", "affirmative"):
    the word counts as held, at 0.9, when one of them is. lent maps a cable id to the question's
    words its heading holds (its parties, its title: "acc. to Gromyko" of Gromyko's cable):
    they count as held, at HEADING_SHARE, by each of its units holding a word of its own.
    """
    lent = lent or {}
    alternatives = alternatives or {}
    if not words:
        return []
    matcher = Matcher(words, units, alternatives)
    qualities = matcher.qualities()
    if weights is None:
        n = len(units) or 1
        weights = {}
        held = [q for q in qualities if q is not matcher.none]
        for w in words:
            df = sum(1 for q in held if q[w] >= 1.0 or (q[w] > 0 and not alternatives.get(w)))
            weight = max(0.2, math.log((n - df + 0.5) / (df + 0.5) + 1))
            weights[w] = weight * (GENERIC_WEIGHT if w in GENERIC else 1.0)
    total = sum(weights.values()) or 1.0
    out = []
    window: list[tuple[Unit, dict[str, float]]] = []  # the paragraph's sentences before this one
    none = matcher.none  # the qualities of a unit holding none of the words
    for u, quality in zip(units, qualities, strict=True):
        own = quality
        if window and (window[-1][0].cable != u.cable or window[-1][0].paragraph != u.paragraph):
            # a paragraph ending in a colon introduces the next: "the following directive was
            # sent to Roshchin:" lends its words to the directive's first sentence
            introduces = window[-1][0].cable == u.cable and window[-1][0].text.rstrip().endswith(":")
            window = window[-1:] if introduces else []
        if own is none:
            window.append((u, own))  # it lends no word, but counts among the sentences before
            continue
        context = None
        if any(q > 0 for q in own.values()):
            gained: dict[str, float] = {}
            for k, (prev, before) in enumerate(reversed(window[-CONTEXT_SENTENCES:])):
                if before is none:
                    continue
                for w, q in before.items():
                    if q > 0 and own[w] == 0 and w not in gained:
                        gained[w] = CONTEXT_SHARE * q
                        if k == 0:
                            context = prev
            quality = {**own, **gained}
            borrowed = frozenset(w for w in lent.get(u.cable, ()) if quality.get(w, 1) == 0)
            quality = {**quality, **dict.fromkeys(borrowed, HEADING_SHARE)}
        else:
            borrowed = frozenset()
        window.append((u, own))
        matched = frozenset(w for w, q in quality.items() if q > 0)
        if not matched:
            continue
        coverage = sum(weights[w] * quality[w] for w in matched) / total
        out.append(Scored(u, coverage, matched, coverage, context, borrowed))
    out.sort(key=lambda s: (-s.score, s.unit.order))
    return out
