"""Read a question into a Query: what it asks (the target) apart from what points at the cable.

Stage 1 of the pipeline (read -> resolve -> find -> check -> compose). The references are taken
out of the question first (telegram, outgoing, record and file numbers, with or without "No.";
dates; parties), then the head of what is left decides the target, so "who sent ciphered
telegram No. 51122?" asks for a sender and points at telegram 51122.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from knowledge.aliases import Aliases, norm
from knowledge.dates import MONTHS
from knowledge.qa.names import Names
from knowledge.qa.understand import YEARLESS, Question, understand
from knowledge.records import DateValue
from knowledge.text import singular

# Words that put a number in the role of a cable's identifier: "cable 4159", "tel 65",
# "Deptel 272", "No. 2784", "JCS 938085", "HNC-105".
ID_CUE = (
    r"(?:ciphered\s+)?(?:telegram|tel|telegr|cable|msg|message|wire|reply|letter|no\.?|nr\.?|number|#|n[ºo°]"
    r"|deptel|urtel|embtel|mytel|reftel|circtel|circular|order|directive|decision"
    r"|(?-i:[A-Z]{1,4}))"
)
IDENTIFIER = re.compile(
    rf"(?:(?P<cue>\b{ID_CUE})[\s\-]*)?(?P<num>(?<![\w.,])\d{{2,7}}(?:/(?:sh|ш|shs|s)\b)?(?![\w,]|\.\d|[-–][A-Za-z]))",
    re.I,
)
PREFIXED = re.compile(r"\b(?P<pre>[A-Z]{1,4}\d{0,3})[\s\-/]?(?P<num>\d{2,7})\b")  # P84/422, JCS-82438
# The same typed in lower case ("jcs 932503"): an identifier only when a stored cable bears it.
PREFIXED_TYPED = re.compile(r"\b(?P<pre>[a-z]{2,4})[\s\-]?(?P<num>\d{3,7})\b")
# A possessive before a number ("muccio's 65", "jones' 1439"): the number names someone's cable.
POSSESSIVE = re.compile(r"[A-Za-z]{2,}(?:'s|s'|’s|s’)\s*$")
FUNCTION_AFTER = {
    "to", "was", "is", "were", "from", "and", "about", "on", "in", "answer", "answers",
    "answering", "refers", "reply", "replies", "replying", "sent", "say", "says", "said",
    "ask", "asks", "the", "of", "by", "for", "dated", "at", "mention", "mentions", "with",
    "distribution", "received", "signed", "go", "went", "come", "came", "?", "a", "an",
    "answered", "repeated", "itself", "states",
}  # fmt: skip
CUE_WORDS = {
    "telegram", "tel", "telegr", "cable", "msg", "message", "wire", "reply", "letter", "no",
    "no.", "nr", "number", "#", "deptel", "urtel", "embtel", "mytel", "reftel", "circtel",
    "circular", "order", "directive", "decision", "ciphered", "nº", "n°",
}  # fmt: skip

# Targets: header fields of the record, facts of the text, passages, claims, the collection.
HEADER_TARGETS = {
    "sender", "recipient", "via", "signer", "copies", "sent", "received", "dated",
    "telegram_number", "outgoing_number", "priority", "classification", "source", "record_id",
    "file_number", "translator",
}  # fmt: skip

_T = re.compile
TARGET_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("collection", _T(r"^\s*(?:help|what can you (?:answer|do)|how (?:many|much) (?:cables|documents|telegrams) (?:are|do you|have)|list (?:the |all )?(?:cables|documents|telegrams)|which (?:cables|documents) (?:are|do you))", re.I)),
    ("commentary", _T(r"\b(?:according to the (?:post|poster|blog|commentary|author)|the post(?:er)?\b|commentary|blog|in the post|the introduction)", re.I)),
    ("replied", _T(r"\b(?:which|what) (?:[\w'’.-]+ ){0,2}?(?:telegram|tel|cable|message|msg|one|reply|deptel|embtel|airgram)s? (?:answered|replied to|responded to)\b|\b(?:which|what) (?:telegram|tel|cable|message|msg|deptel|airgram)s? (?:was|is) (?:the |[\w'’]+(?:'s|’s|s') ){0,2}(?:reply|answer|response) to\b|^\s*with which (?:telegram|tel|cable|message|msg|airgram) did \w+(?: \w+)? (?:reply|answer|respond) to\b|\bwho (?:answered|replied to)\b|^\s*did (?:anyone|anybody|any cable|\w+(?: \w+)?) (?:ever )?(?:answer|reply to|respond to)\b|\bwhat (?:was|is) (?:the |\w+'?s )?(?:reply|answer|response)\b|\bwhat did \w+(?: \w+)? (?:reply|answer|respond)\b|\bhow did \w+(?: \w+)? (?:reply|answer|respond)\b", re.I)),
    ("reply", _T(r"^(?!\s*(?:when|what date|what time|who|whom|how|why|where)\b)(?=.*\b(?:answer\w*|repl(?:y|ies|ied|ying)\s+to|in reply|respon\w*|refer\w*|reur|is reur|thank\w*(?:\s+\w+)?\s+for|follow\w*\s+up)\b)(?=.*\b(?:which|what)\b|.*\bno\.?\s*\??\s*$)|\b(?:to|on|about|for)\s+which\s+(?:deptel|urtel|embtel|telegram|tel|cable|msg|message|communication)s?\s*\??\s*$", re.I)),
    ("copies", _T(r"\bhow many cop(?:y|ies)\b|\bcop(?:y|ies)\b.*\b(?:typed|made|printed|total)\b|\bwho (?:got|received|had) (?:a )?cop(?:y|ies)\b|\b(?:got|received|had|sent) (?:a )?cop(?:y|ies)\b|\bdistribution(?: list)?\b|\bcop(?:y|ies) (?:went|were sent) to\b|\breceived copies\b", re.I)),
    ("source", _T(r"\b(?:archival|archive|archives)\b.*\b(?:ref|reference|source|citation)\b|\b(?:source|provenance|citation)\s+(?:of|for)\b|^\s*(?:what(?:'s| is| was)\s+)?(?:the\s+)?(?:source|provenance|citation)\b|\barchival (?:ref|listy|delo|fond)|\b(?:fond|opis|delo|listy|list \d+)\b|\barchive\b", re.I)),
    ("record_id", _T(r"\brecord (?:id|number|no)\b", re.I)),
    ("file_number", _T(r"\bfile (?:number|no\.?)\b|\bdecimal file\b", re.I)),
    ("translator", _T(r"\btranslat(?:ed|or|ion) by\b|\bwho translated\b|\btranslator\b", re.I)),
    ("classification", _T(r"\bclassification\b|\bhow (?:was it |is it )?classified\b|\bsecurity (?:level|marking)\b", re.I)),
    ("priority", _T(r"\bpriority\b|\bprecedence\b|\bhow urgent\b|\burgency\b|\bmarked\b|\bmarking\b", re.I)),
    ("outgoing_number", _T(r"\b(?:own|outgoing|his|her|their)\s+(?:serial\s+)?(?:number|no)\b.*\b(?:bottom|end|foot)\b|\b(?:number|no)\s+(?:at|on) the (?:bottom|end|foot)\b|/sh\s+(?:number|no)\b|\boutgoing (?:number|no)\b|\b(?:number|no)\b.*\boutgoing\b|\boutgoing\b.*\b(?:number|no)\b|\bown (?:serial )?(?:number|no)\b|\bnumber (?:is |was )?(?:at|on) the (?:bottom|end|foot)\b", re.I)),
    ("incoming_number", _T(r"\bincoming (?:number|no)\b", re.I)),
    ("repeated_as", _T(r"\brepeated to\b.*\bas\b|\brptd\b|\brepeated (?:to|info)\b", re.I)),
    ("signer", _T(r"\bwho signed\b|\bsigned by\b|\bsignature\b|\bwho (?:was|is) the signer\b", re.I)),
    ("via", _T(r"\bthrough whom\b|\bvia whom\b|\b(?:via|through) who\s*\??\s*$|\bwho (?:relayed|transmitted|passed|forwarded|delivered|handed)\b(?=.*\b(?:telegram|tel|cable|message|msg|letter|note|reply|it|this|that)\b)|\b(?:sent|send) (?:it |\d+ )?(?:\w+ )?(?:to \w+ )?(?:through|via) (?:whom|who)\b|\bwho did \w+(?: \w+)? send (?:\w+ )*?(?:through|via)\b|\bintermediary\b", re.I)),
    ("recipient", _T(r"\bto whom\b|^\s*who did \w+(?: \w+)? (?:send|address|write|cable|wire)\b(?:\s+\S+){0,4}?\s+to\s*\??\s*$|\bwho (?:was|is) (?:the |it |this |that )?(?:[\w'’\-.]+\s+){0,7}(?:addressed|sent|directed|written) to\b|\baddressed to\b|\brecipient\b|\bwho received\b|\bwho got\b(?! cop)|\bwho was \w+(?:'s|’s)? (?:telegram|tel|cable|message|msg|letter|reply|note|wire|request|answer)s? (?:sent )?to\b|\bwho (?:was|is) (?:the |it |this |that )?(?:\w+\s+){0,4}(?:meant |intended )?for\s*\??$", re.I)),
    ("sender", _T(r"^(?!\s*(?:the\s+)?(?:date|when|what date|what time|which date)\b).*?(?:\bwho (?:sent|wrote|authored|drafted|cabled|telegraphed)\b|\bfrom whom\b|\bsender\b|\bauthor of\b|\bwritten by\b|\bsent by\b|\bwho (?:was|is) (?:the |this |that )?(?:[\w'’]+ ){0,3}(?:telegram|tel|cable|message|msg|letter|reply|it) (?:\w+ ){0,3}from\b|\bwho (?:was )?(?:in charge|chargé)\b)", re.I)),
    ("telegram_number", _T(r"\b(?:what|which)(?:'s| is| was)? (?:the )?(?:telegram |tel |cable |message |msg |serial )?(?:number|no\.?)\b(?! of (?!(?:the |his |her |its |\w+'?s )?(?:telegram|tel|cable|message|msg)))|\b(?:number|no\.?) of (?:the |his |her |its |that |\w+'?s )?(?:[\w'’\-]+ ){0,3}(?:telegram|tel|cable|message|msg|reply)\b|\b(?:tel|telegram|cable|message|msg) (?:number|no)\b|\b\w+'?s? (?:/sh )?number on\b|\bwhat number\b(?! of (?!(?:the |his |her |its |\w+'?s )?(?:telegram|tel|cable|message|msg)))", re.I)),
    ("received", _T(r"\b(?:when|what time|what date|which day|what day)\b.*\b(?:receiv\w*|recieve\w*|recd)\b|\b(?:when|what time|what date|which day|what day)\b.*\b(?:telegram|tel|cable|message|msg|letter|reply|request)\b.*\b(?:reach\w*|arriv\w*|get to|come in)\b", re.I)),
    ("sent", _T(r"\b(?:when|what time|what date|which day|what day)\b.*\b(?:was|were|is)\b.*\b(?:sent|dispatched|transmitted|cabled|wired)\b|\b(?:when|what time|what date|which day|on what date)\s+did\s+(?:\w+\s+){1,3}(?:send|cable|wire|dispatch|sign)\b", re.I)),
    ("total", _T(r"\b(?:in total|total|altogether|combined|all together|sum of|overall)\b|^\s*(?:all|both)\b.*\btogether\b|\bhow (?:many|much)\b.*\bin all\b", re.I)),
    ("event_date", _T(r"\b(?:when|what date|which date|what day|which day|by when|date of|dated|what time|how soon|for what date|on what date|what opening day)\b", re.I)),
    ("quantity", _T(r"\b(?:how many|how much|number of|quantity|amount of|what quantity|how (?:large|big|wide|long|far|high|heavy)|what size)\b", re.I)),
    ("reason", _T(r"^\s*(?:why|how come|for what reason|what (?:was|is) the reason)\b|\bwhy\b", re.I)),
    ("place", _T(r"\b(?:where|which (?:place|city|station|town|country|port|river|airfield|airports?|area|region|base|village)|what (?:place|city|station|town|country|port|river|airfield|area|region)|location|from which city|to which city|at which)\b", re.I)),
    ("who", _T(r"\b(?:who|whom|whose|(?:which|what) (?:[\w\-]+ ){0,2}(?:officials?|people|persons?|leaders?|comrades?|commanders?|advis[eo]rs?|ambassadors?|ministers?|countr(?:y|ies)|agenc(?:y|ies)|generals?|marshals?|officers?|representatives?|delegates?|interpreters?|chairman|premier|president|envoy|diplomats?|man|men|woman|staff officer|state|nation|government|party|side))\b", re.I)),
    ("passage", _T(r"^\s*what did [\w'’\-]+(?: [\w'’\-]+)? (?:say|write|tell|think|report|suggest|propose|demand)\b", re.I)),
    ("items", _T(r"\b(?:what|which)\b.*\b(?:ask(?:ed)?|request(?:ed|s)?|want(?:ed)?|need(?:ed)?|order(?:ed)?|deliver|supply|send|promise(?:d)?|items?|weapons|arms|goods|themes?)\b|\blist\b", re.I)),
    ("claim", _T(r"^\s*so\s+(?!(?:what|which|who|whom|whose|when|where|why|how)\b)[^?]*\?\s*$|^\s*(?:so\b.*\bright\W*$|did|does|do|was|were|is|are|will|would|can|could|has|have|had|should|shall|must)\b|\b(?:right|correct|true)\s*\??\s*$|,\s*(?:as (?:expected|planned|intended)|yes|no)\s*\?\s*$", re.I)),
    ("summary", _T(r"\bwhat (?:is|was|were|are) (?:the )?(?:\w+ ){0,6}about\b|\bsummar|\bgist\b|\bsubject of\b|\bpurpose of\b|\bmain point", re.I)),
]
# Whether a who-question is about the text ("who did Kim want to bring") or the header.
HEADER_DATE_WORDS = re.compile(r"\b(?:telegram|tel|cable|message|msg|letter|reply|directive|answer|it|this|that)\b", re.I)


@dataclass
class Reference:
    """An identifier the question points with: '4159', 'HNC-105', 'P84/422', 'Deptel 272'."""

    number: str  # digits as typed, with a /sh suffix kept ("483/sh")
    prefix: str = ""  # "JCS", "CX", "deptel", "" when bare
    cued: bool = False  # said to be a cable's number ("telegram No. 51122", "JCS 938085")
    span: tuple[int, int] = (0, 0)


@dataclass
class Query:
    """A question read: target, references (identifiers, dates, people) and focus words.

    q is the older reading (people, dates, numbers, words) the other stages share.
    focus holds the content words that are neither a reference nor the question's own
    wh-words, singular and lower-case.
    """

    text: str
    target: str
    q: Question
    references: list[Reference] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    thing: list[str] = field(default_factory=list)  # what a quantity question counts
    claim_numbers: list[str] = field(default_factory=list)
    speaker: str = ""  # "what did Eisenhower write": the word(s) naming who speaks, lower-case

    @property
    def people(self):
        return self.q.people

    @property
    def dates(self):
        return self.q.dates


QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much",
    "did", "does", "do", "was", "were", "is", "are", "the", "a", "an", "of", "to", "in", "on",
    "for", "and", "or", "by", "at", "from", "with", "about", "that", "this", "it", "its", "his",
    "her", "their", "there", "be", "been", "shld", "wd", "cld", "wld", "acc", "per", "according",
    "tel", "telegram", "cable", "message", "msg", "no", "number", "ciphered", "so", "right",
    "say", "said", "tell", "told", "ask", "asked", "want", "wanted", "he", "she", "they", "them",
    "s", "w", "incl", "also", "else", "any", "all", "should", "would", "could", "can", "will",
    "have", "has", "had", "as", "into", "than", "then", "not", "if", "up", "out", "own", "get",
    "got", "mean", "meant", "supposed", "kind", "date", "time", "day", "name",
    "named", "describe", "call", "called", "think", "thought", "total", "like", "one", "take",
    "didnt", "couldnt", "wasnt", "dont", "doesnt", "shouldnt", "wouldnt", "isnt", "arent",
    "werent", "cant", "wont", "hadnt", "havent", "i", "me", "my", "we", "our", "you", "your",
    "us", "these", "those", "some", "other", "such", "only", "more", "over", "under", "again",
    "each", "being", "might", "may", "must", "shall", "here", "too", "while", "during", "upon",
    "via", "through", "between", "among", "what's", "whats", "who's", "doing", "done", "way",
    "comrade", "cde", "mr", "exactly", "approximately", "around", "regarding", "concerning",
    "mentioned", "mention", "stated", "state", "write", "wrote", "written", "big", "large",
    "wide", "long", "far", "high", "heavy", "size", "thousand", "million", "billion", "hundred",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
    "took", "give", "gave", "use", "make", "made", "send", "sent", "just", "very", "still",
    "goes",  # its singular "goe" is no word
    "wording", "phrasing",  # what form the answer takes, not a word it holds
}  # fmt: skip
# What a place question asks for, not what the answer's sentence must hold ("from which city")
PLACE_KINDS = {"city", "town", "village", "place", "location", "country", "spot"}


def _identifiers(text: str, lib_has_number) -> list[Reference]:
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in PREFIXED.finditer(text):
        pre = m.group("pre")
        if pre.lower() in ("no", "nr") or not pre.isupper():
            continue
        refs.append(Reference(m.group("num"), pre, True, m.span()))
        taken.append(m.span())
    for m in PREFIXED_TYPED.finditer(text):
        pre, num = m.group("pre").upper(), m.group("num")
        if any(a <= m.start() < b for a, b in taken) or pre.lower() in CUE_WORDS | {"tels", "nos"}:
            continue
        if not lib_has_number(num) and lib_has_number(f"{pre} {num}"):
            refs.append(Reference(num, pre, True, m.span()))
            taken.append(m.span())
    for m in IDENTIFIER.finditer(text):
        start, end = m.span("num")
        if any(a <= start < b for a, b in taken):
            continue
        num = m.group("num")
        cue = (m.group("cue") or "").strip()
        cued = bool(cue) and (cue.lower().rstrip(".") in CUE_WORDS or cue.isupper())
        after = re.match(r"\s*([A-Za-z?]+)", text[end:])
        next_word = after.group(1).lower() if after else ""
        digits = num.split("/")[0]
        prev = re.search(r"([A-Za-z]+)\W*$", text[:start])
        counted = bool(re.fullmatch(r"[a-z][a-z\-]{2,}s|tons?|km|kg|pieces|sets|divisions?|men", next_word)) or (
            bool(prev) and prev.group(1).lower() in ("the", "of", "for", "about", "those", "these")
            # "the bottom of 21336": a stored number of four digits or more closing the question
            and not (not next_word.strip("?") and len(digits) >= 4 and lib_has_number(digits))
        )
        bare_id = "/" in num or (
            len(digits) >= 3 and lib_has_number(digits) and not counted
            and (not next_word or next_word in FUNCTION_AFTER or len(digits) >= 5)
        )
        unit = re.fullmatch(r"tons?|km|kg|pieces|sets|divisions?|men|[a-z]+ists|[a-z]+ers", next_word)
        if not cue and not unit and POSSESSIVE.search(text[:start]) and lib_has_number(digits):
            bare_id = True  # "muccio's 65 replies to ...": someone's cable by its number
        if cued and cue.lower() in ("number", "no", "no.") and next_word and next_word not in FUNCTION_AFTER:
            cued = len(digits) >= 3  # "number 3 regiments" is a count, "No. 2784" an identifier
        if cued or bare_id:
            last = cue.split()[-1] if cue else ""
            keep = last if last and last.lower().rstrip(".") not in CUE_WORDS else ""
            # The whole pointing phrase is masked when the target is read: "telegram No."
            # names the cable, it does not ask for its number.
            begin = m.start("cue") if m.group("cue") else start
            before = re.search(r"(?:ciphered\s+)?(?:telegram|tel|cable|message|msg)\s+$", text[:begin], re.I)
            refs.append(Reference(num, keep, True, (before.start() if before else begin, end)))
    return refs


SPEAKER = re.compile(
    r"^\s*(?:what|how|why)\s+(?:did|does|do|had|has|would|will)\s+(?P<who>[A-Za-z][\w\-'’]*(?:\s+[A-Za-z][\w\-'’]*){0,2}?)\s+"
    r"(?:say|said|write|wrote|tell|told|propose|demand|ask|think|report|suggest|call|describe|reply|answer|offer|promise)\b",
    re.I,
)
_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<d>\d{{1,2}})\s+)?(?P<m>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?(?:\s+(?P<d2>\d{{1,2}}))?,?\s+(?P<y>19\d\d)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:in|of|for|during|by|early|late|mid|\()\s*(?P<y>19[0-9]\d)\b\)?", re.I)


_DOTTED_RANGE = re.compile(
    r"(?<![\d.])(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)(?:\.(?:19)?\d\d)?\s*(?:-|–|to|till|until)\s*"
    r"(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)(?:\.(?P<y>(?:19)?\d\d))?(?![\d.]\d)"
    r"(?!\s*(?:million|thousand|billion|hundred|per|%|tons?|km|kg|m\b|mm\b))",
    re.I,
)
_DAY_LIST = re.compile(
    r"\b(?P<days>\d{1,2}(?:\s*,\s*\d{1,2})*)\s*,?\s*(?:and|&)\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+"
    rf"(?P<m>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b\.?(?:,?\s+(?P<y>19\d\d)\b)?",
    re.I,
)


def question_dates(text: str, found: list[DateValue]) -> list[DateValue]:
    """Dates a question names beyond what the cable-date reader finds: 'feb 1950', 'dec 1 1950',
    'in 1951' (month, day and year precision); those found already are kept first."""
    out = list(found)
    for m in _MONTH_YEAR.finditer(text):
        month, year = MONTHS[m.group("m").lower()], int(m.group("y"))
        day = m.group("d") or m.group("d2")
        out = [d for d in out if not (d.start and d.start[:4] == str(YEARLESS) and int(d.start[5:7]) == month)]
        if day and 1 <= int(day) <= calendar.monthrange(year, month)[1]:
            iso = f"{year}-{month:02d}-{int(day):02d}"
            value = DateValue(m.group(0), iso, iso, "day")
        else:
            last = calendar.monthrange(year, month)[1]
            value = DateValue(m.group(0), f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last}", "month")
        if not any(d.start and value.start and d.start <= value.start <= (d.end or d.start) and d.precision == "day" for d in out):
            out.append(value)
    for m in _DOTTED_RANGE.finditer(text):
        # "from 25.11 to 25.12", "25.11-25.12.50": day.month as cables print them
        (d1, m1, d2, m2), y = (int(m.group(k)) for k in ("d1", "m1", "d2", "m2")), m.group("y")
        year = (1900 + int(y) if len(y) == 2 else int(y)) if y else YEARLESS
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and d1 <= calendar.monthrange(year, m1)[1] and d2 <= calendar.monthrange(year, m2)[1]:
            out.append(DateValue(m.group(0), f"{year}-{m1:02d}-{d1:02d}", f"{year}-{m2:02d}-{d2:02d}", "day-range"))
    for m in _DAY_LIST.finditer(text):
        # "on 20 and 25-26 nov": the days before the last share its month (and year)
        month = MONTHS[m.group("m").lower()]
        year = int(m.group("y")) if m.group("y") else YEARLESS
        for day in re.findall(r"\d{1,2}", m.group("days")):
            if 1 <= int(day) <= calendar.monthrange(year, month)[1]:
                iso = f"{year}-{month:02d}-{int(day):02d}"
                out.append(DateValue(f"{day} {m.group('m')}", iso, iso, "day"))
    if not out:
        for m in _YEAR.finditer(text):
            y = m.group("y")
            out.append(DateValue(y, f"{y}-01-01", f"{y}-12-31", "year"))
    unique: list[DateValue] = []
    for d in out:
        if not any((d.start, d.end) == (u.start, u.end) for u in unique):
            unique.append(d)
    return unique


def read(text: str, aliases: Aliases, names: Names, lib_has_number=lambda n: False) -> Query:
    """The Query a question reads into; never raises on any text.

    lib_has_number(digits) -> bool says whether a stored cable bears that number, so a bare
    "1590 was repeated" is read as an identifier and "60 divisions" as a quantity.
    """
    q = understand(text, aliases, names)
    refs = _identifiers(text, lib_has_number)
    q.dates = question_dates(text, q.dates)
    # The question with its references blanked decides the target.
    masked = text
    for r in refs:
        a, b = r.span
        masked = masked[:a] + " " * (b - a) + masked[b:]
    heads = re.sub(r"\s+", " ", masked).strip()  # positions no longer those of text
    target = "passage"
    for name, pattern in TARGET_CUES:
        if pattern.search(heads):
            target = name
            break
    if target == "event_date" and _about_the_cable(heads):
        target = "dated"
    if target == "items" and ASKED_TO_DO.search(heads):
        target = "passage"  # "what did Mao ask Stalin to communicate": a deed, not a list of things
    elif target == "items" and PURPOSE.search(heads):
        target = "reason"  # "what did Zhou want the automobiles for": their purpose
    if target == "passage" and NOUN_PHRASE.fullmatch(heads) and not q.people:
        # "cartridges for light mgs?": a bare noun phrase asks how many the cables give
        target = "quantity"
    elif target == "passage" and q.people and WANTED_FRAGMENT.fullmatch(_without_people(text, q)):
        # "rifles mao wanted?", "tankists kim wanted trained?": how many of the thing
        target = "quantity"
    if target == "replied" and refs and STRANDED_REPLY_TO.search(text):
        # "which deptel did the taipei tel 1439 respond to": what 1439 itself answers
        target = "reply"
    after = (m := REPLY_TO_REF.search(text)) and text[m.end() :].strip(" ?")
    if target == "reply" and refs and after and not ASKED_AFTER.search(after):
        # "what did the dept reply to muccio's 65 with", "the dept's reply to 447": the cable
        # after "reply to" is the one answered; the question asks for its answer
        target = "replied"
    if target == "who" and refs and re.search(r"\bwho (?:relayed|transmitted|passed|forwarded|delivered|handed)\b", heads):
        target = "via"  # "who relayed 41250": the reference masked was the cable passed on
    if target == "quantity" and re.search(r"\bcop(?:y|ies)\b", masked, re.I):
        target = "copies"
    ref_numbers = {r.number.split("/")[0] for r in refs}
    focus = _focus_words(masked, q)
    focus = [w for w in focus if w not in ref_numbers]
    if target == "place":
        focus = [w for w in focus if w not in PLACE_KINDS]
    # "total fuel Mao asked": a person the question names is not what it counts
    named = {singular(w) for m in q.people for w in norm(text[m.start : m.end]).split()}
    thing = [w for w in _thing(heads) if w not in named]
    in_dates = {n for d in q.dates for n in re.findall(r"\d+", d.text)}
    claim_numbers = [n for n in q.number_words if n not in ref_numbers and n not in in_dates]
    m = SPEAKER.search(text)
    who = m.group("who") if m else ""
    if len(who.split()) == 3 and not any(p.start == m.start("who") and p.end == m.end("who") for p in q.people):
        who = ""  # three words are a speaker only as one name ("kim il sung"), not "the chinese FM"
    speaker = norm(who)
    return Query(text, target, q, refs, list(dict.fromkeys(focus)), thing, claim_numbers, speaker)


ASKED_TO_DO = re.compile(
    r"\b(?:ask|asked|request|requested|want|wanted|order|ordered|tell|told|instruct\w*|urge\w*)\s+"
    r"(?:[\w'’]+\s+){0,3}?to\s+(?!(?:send|give|deliver|supply|provide|transfer|ship|hand|buy|sell|"
    r"lend|grant)\b)[a-z]+",
    re.I,
)
PURPOSE = re.compile(
    r"^\s*what\b(?!.*\b(?:ask|asked|asking|request\w*|apply|applied|call\w*|wish\w*|hope\w*|"
    r"press\w*|appeal\w*|pray\w*|look\w*|wait\w*)(?:\s+[\w'’.]+){0,3}?\s+for\s*\??\s*$).*\bfor\s*\??\s*$",
    re.I,
)
# A fragment naming a thing and that someone wanted it, with no question word: "rifles mao
# wanted?", "tankists kim wanted trained?" (the person taken out first).
WANTED_FRAGMENT = re.compile(
    r"\s*(?:the\s+)?(?!(?:what|which|who|whom|whose|when|where|why|how)\b)[a-z][\w\-’']*"
    r"(?:\s+[a-z][\w\-’']*){0,3}?\s+(?:wanted|asked for|requested|needed|promised|offered)"
    r"(?:\s+(?:trained|delivered|sent|shipped))?\s*\??\s*",
    re.I,
)


def _without_people(text: str, q: Question) -> str:
    """The question with the people it names taken out, spaces closed up."""
    for m in sorted(q.people, key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end :]
    return re.sub(r"\s+", " ", text).strip()


# "which deptel did tel 1439 respond to": the preposition left at the end asks what it answers.
STRANDED_REPLY_TO = re.compile(
    r"^\s*(?:which|what)\b.*\b(?:repl(?:y|ied|ies)|answer(?:ed|s)?|respon(?:d|ded|ds))\s+to\s*\??\s*$", re.I
)
# "reply to X", "answer to X": X is the cable answered; what comes after may ask ("which", "no.?").
REPLY_TO_REF = re.compile(r"\b(?:repl(?:y|ied|ies)|answer(?:ed|s)?|respon(?:se|ded|ds|d))\s+to\b", re.I)
ASKED_AFTER = re.compile(r"\b(?:which|what|whose)\b|\bno\.?\s*\??\s*$|\bnumber\s*\??\s*$", re.I)
# A question of a few plain words with no question word or verb: "cartridges for light mgs?"
NOUN_PHRASE = re.compile(
    r"(?!.*\b(?:what|which|who|whom|whose|when|where|why|how|did|does|do|was|were|is|are|will|"
    r"would|can|could|say|said|tell|told|quote|list|show|give|explain|describe|summar\w*|"
    r"mean\w*|about|cable|telegram|message|letter|reply|date|sent|received|signed)\b)"
    r"\s*[A-Za-z][\w\-’']*(?:\s+[A-Za-z][\w\-’']*){0,4}\s*\??\s*",
    re.I,
)


def _focus_words(masked: str, q: Question) -> list[str]:
    """Content words of the question less its people, dates and references, singular."""
    blank = list(masked)
    for m in q.people:
        for i in range(m.start, min(len(blank), m.end + (2 if m.possessive else 0))):
            blank[i] = " "
    text = "".join(blank)
    from knowledge.dates import find_dates
    # "late Aug 1950", "early in March": a part of the date, not a word the answer must hold
    text = re.sub(r"\b(?:early|late|mid|middle|end|beginning)\b(?=[\s\-]+(?:of\s+|in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", lambda m: " " * len(m.group(0)), text, flags=re.I) if q.dates else text
    for (a, b), _d in find_dates(text, year=YEARLESS):
        text = text[:a] + " " * (b - a) + text[b:]
    text = _MONTH_YEAR.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in re.finditer(r"[A-Za-z][A-Za-z\-’']*", text):
        w = norm(m.group(0).replace("’s", "").replace("'s", "")).replace(" ", "-").strip("-'")
        if len(w) < 2 or w in QUESTION_WORDS or w.endswith("'"):
            continue
        out.append(singular(w))
    return list(dict.fromkeys(out))


def _about_the_cable(masked: str) -> bool:
    """'date of shtykov's telegram', 'when was it sent': a header date, not an event's."""
    return bool(
        re.search(
            r"^\s*(?:what is |what was |what's |what )?(?:the )?date (?:is |was )?(?:of|on) (?:the |this |that |\w+'?s |\w+ )*?(?:telegram|tel|cable|message|msg|letter|reply|directive|answer)\b(?:\s+(?:to|from|for|in|of)\s+[\w'’. ]+?)?\s*\??\s*$",
            masked,
            re.I,
        )
    ) or bool(re.search(r"^\s*when (?:was|is) (?:the |this |that |\w+'?s )?(?:telegram|tel|cable|message|msg|letter|reply|it)\b(?: \w+)?\s*(?:sent|dated|written)?\s*\??$", masked, re.I))


THING = re.compile(
    r"\b(?:how\s+(?:many|much)(?:\s+of(?:\s+the)?)?|(?:number|quantity|amount|total)\s+of|total(?=\s+\w+\s+(?:\w+\s+)?(?:asked|requested|promised|sent|delivered|needed|wanted)\b)|how\s+(?:big|large|wide|long)(?:\s+an?)?)\s+(?P<thing>[\w\-' ]+?)(?=\s+(?:did|does|do|were|was|is|are|will|would|has|have|had|can|could|should|shld|wd|in\s+total|altogether|requested|promised|asked|sent|delivered|needed|wanted|to\s+be|for|from|per|finish|in|at|of\s+the|according)\b|\s*[?(]|\s*$)",
    re.I,
)


def _thing(masked: str) -> list[str]:
    m = THING.search(masked)
    if not m:
        return []
    return [
        singular(w)
        for w in norm(m.group("thing")).split()
        if w not in QUESTION_WORDS and not w.isdigit()
    ]
