"""Read a question: what kind of answer it wants, whom and what it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process, utils

from knowledge.aliases import Aliases, norm
from knowledge.dates import find_dates
from knowledge.qa.names import NAME_MATCH, Names
from knowledge.text import parse_number, singular

YEARLESS = 1900  # stands in for the year a question leaves out ("on 20 November")

# Kinds of question, tried in order; the first cue that matches decides.
INTENTS: list[tuple[str, re.Pattern[str]]] = [
    (
        "commentary",
        re.compile(
            r"\b(?:according to the (?:post|poster|blog|commentary|author)|the post(?:er)?\b|commentary|blog|kwang|in the post|the introduction)",
            re.I,
        ),
    ),
    (
        "identity",
        re.compile(
            r"^(?:who|what)\s+(?:is|was|were|are)\s+(?:comrade\s+)?(?P<name>[\w\-' ]+?)\s*\??$",
            re.I,
        ),
    ),
    (
        "record",
        re.compile(r"\brecord (?:id|number|no)\b|\burl\b|\blink\b|\bweb ?page\b|\bonline\b", re.I),
    ),
    (
        "summary",
        re.compile(
            r"\bwhat (?:is|was|were|are) (?:the )?(?:\w+ ){0,6}about\b|\bsummar|\bgist\b|\bsubject of\b|\bpurpose of\b|\bmain point",
            re.I,
        ),
    ),
    (
        "source",
        re.compile(
            r"\b(?:source|archive|archival|fond|opis|delo|listy|citation|cite|footnote|where (?:is|are|can) .* (?:found|kept|held|located))\b",
            re.I,
        ),
    ),
    (
        "priority",
        re.compile(
            r"\b(?:priority|urgent|urgency|marking|marked|classification|classified)\b", re.I
        ),
    ),
    ("copies", re.compile(r"\b(?:cop(?:y|ies)|distribution|distributed|circulated)\b", re.I)),
    (
        "total",
        re.compile(r"\b(?:in total|total|altogether|combined|all together|sum of|overall)\b", re.I),
    ),
    (
        "number",
        re.compile(
            r"\b(?:outgoing|telegram|cable|ciphered|reference|serial|registration)\s+(?:no\.?|number)\b|\b(?:what|which)\s+(?:was\s+the\s+|is\s+the\s+)?(?:number|no\.?)\b(?!\s+of\b)|\bnumber (?:of|was|on) (?:the |his |her |its |that )?(?:[\w'’\-]+ ){0,3}(?:telegram|cable|message|reply)|\btelegram (?:no|number)\b|\bnumbered\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:when|what date|which date|what day|which day|date of|dated|what time|how soon|by when|date)\b",
            re.I,
        ),
    ),
    (
        "quantity",
        re.compile(
            r"\b(?:how many|how much|number of|quantity|amount of|what quantity|how large)\b", re.I
        ),
    ),
    (
        "who",
        re.compile(
            r"\b(?:who|whom|which (?:officials?|people|persons?|leaders?|comrades?)|by whom|signed|signature|addressed|recipient|sender|intermediary)\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(?:where|which (?:place|city|station|town|country|port|river)|what (?:place|city|station|town|country|port|river)|location)\b",
            re.I,
        ),
    ),
    (
        "items",
        re.compile(
            r"\b(?:what|which)\b.*\b(?:ask(?:ed)?|request(?:ed)?|want(?:ed)?|need(?:ed)?|order(?:ed)?|deliver|supply|send|sent|promise(?:d)?|items?|weapons|arms|goods|list)\b|\blist\b",
            re.I,
        ),
    ),
    (
        "yesno",
        re.compile(
            r"^(?:did|does|do|was|were|is|are|will|would|can|could|has|have|had|should)\b", re.I
        ),
    ),
]
WHO_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("signer", re.compile(r"\bsign(?:ed|ature|s)?\b", re.I)),
    (
        "via",
        re.compile(
            r"\b(?:through|via|relay(?:ed)?|pass(?:ed)? (?:it )?on|transmit(?:ted)?|intermediary|by way of|channel|forward(?:ed)?)\b",
            re.I,
        ),
    ),
    ("reporter", re.compile(r"\b(?:report(?:ed|s)?|according to whom|whose report)\b", re.I)),
    (
        "recipient",
        re.compile(
            r"\b(?:to whom|addressed|recipient|who (?:received|got|was it (?:sent )?to)|sent to|directed to|for whom|written to|who was .* (?:to|for))\b",
            re.I,
        ),
    ),
    (
        "sender",
        re.compile(
            r"\b(?:who (?:sent|wrote|authored|signed|drafted|asked|requested|cabled)|from whom|sender|author|written by|sent by|who was .* from)\b",
            re.I,
        ),
    ),
]
DATE_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("sent", re.compile(r"\b(?:sent|send|dispatch\w*|transmit\w*|wired|cabled)\b", re.I)),
    (
        "received",
        re.compile(
            r"\b(?:receiv\w*|arriv\w* in moscow|get|got)\b|\b(?:telegram|cable|message|reply|letter)\s+(?:\w+\s+)?(?:arriv|reach|come|get)\w*",
            re.I,
        ),
    ),
    (
        "delivery",
        re.compile(
            r"\b(?:arriv\w*|hand\w*(?: over)?|deliver\w*|transfer\w*|ship\w*|supplied|come|reach|given|provided|get there)\b",
            re.I,
        ),
    ),
    ("window", re.compile(r"\b(?:need\w*|want\w*|requir\w*|by when|in time|rearm\w*)\b", re.I)),
]
STOPWORDS = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "about",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "did",
        "does",
        "do",
        "done",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "many",
        "much",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "his",
        "her",
        "their",
        "them",
        "they",
        "he",
        "she",
        "i",
        "we",
        "you",
        "me",
        "my",
        "our",
        "your",
        "there",
        "here",
        "than",
        "then",
        "so",
        "such",
        "not",
        "no",
        "yes",
        "any",
        "all",
        "some",
        "each",
        "per",
        "into",
        "out",
        "up",
        "down",
        "over",
        "under",
        "again",
        "according",
        "post",
        "poster",
        "cable",
        "cables",
        "telegram",
        "telegrams",
        "ciphered",
        "message",
        "letter",
        "say",
        "said",
        "says",
        "tell",
        "told",
        "ask",
        "asked",
        "asks",
        "request",
        "requested",
        "requests",
        "requesting",
        "want",
        "wanted",
        "wants",
        "need",
        "needed",
        "order",
        "ordered",
        "deliver",
        "delivered",
        "delivery",
        "send",
        "sent",
        "receive",
        "received",
        "get",
        "got",
        "give",
        "given",
        "supply",
        "supplied",
        "provide",
        "provided",
        "promise",
        "promised",
        "transfer",
        "transferred",
        "hand",
        "handed",
        "arrive",
        "arriving",
        "arrived",
        "number",
        "total",
        "quantity",
        "amount",
        "many",
        "much",
        "date",
        "dated",
        "day",
        "time",
        "when",
        "mention",
        "mentioned",
        "write",
        "wrote",
        "written",
        "report",
        "reported",
        "sign",
        "signed",
        "signature",
        "addressed",
        "recipient",
        "sender",
        "via",
        "through",
        "relay",
        "document",
        "documents",
        "reply",
        "response",
        "answer",
        "comrade",
        "comrades",
        "another",
        "other",
        "more",
        "also",
        "just",
        "only",
        "exactly",
        "approximately",
        "around",
        "some",
        "lot",
        "lots",
        "kind",
        "kinds",
        "type",
        "types",
        "list",
        "items",
        "item",
        "thing",
        "things",
        "altogether",
        "combined",
        "overall",
        "sum",
        "mr",
        "the",
        "archive",
        "archival",
        "source",
        "copies",
        "copy",
        "priority",
        "marking",
        "marked",
    ]
)
VERBS_REQUEST = re.compile(
    r"\b(?:ask|asked|asks|request|requested|requests|want|wanted|need|needed|order|ordered|seek|sought|demand|demanded)\b",
    re.I,
)
VERBS_PROMISE = re.compile(
    r"\b(?:promise|promised|send|sent|deliver|delivered|give|gave|given|supply|supplied|provide|provided|transfer|transferred|ship|shipped|hand|handed|arrive|allocate|allocated|offer|offered)\b",
    re.I,
)


CABLE_WORDS = re.compile(
    r"\b(?:cable|telegram|message|reply|request|letter|dispatch|wire|response)s?\b", re.I
)


@dataclass(frozen=True)
class Mention:
    name: str  # canonical
    start: int
    possessive: bool  # "Mao's telegram"
    role_hint: str  # "sender" / "recipient" / "via" / ""
    end: int = 0  # where the name ends in the question
    partial: bool = False  # only a surname that several people share ("Kang")

    def is_(self, name: str) -> bool:
        """Whether this mention may be the person called name."""
        if name == self.name:
            return True
        return self.partial and norm(name).split()[-1:] == [norm(self.name)]


@dataclass
class Question:
    text: str
    intent: str
    who_role: str = ""
    date_role: str = ""
    people: list[Mention] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)
    number_words: list[str] = field(default_factory=list)  # as typed: "26637", "1,000"
    words: list[str] = field(default_factory=list)  # content words, lower-case
    wants_request: bool = False
    wants_promise: bool = False
    identity: str = ""
    dates: list = field(default_factory=list)  # dates the question names (DateValue)
    # Candidates already found for this question (knowledge.qa.rank), so that a second handler
    # or the not-found answer's suggestions does not search again.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def names_a_cable(self) -> bool:
        """Whether the question points at a cable: a person, a number, or cable words."""
        return bool(self.people or self.number_words or CABLE_WORDS.search(self.text))


def _role_hint(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 25) : start].lower()
    after = text[end : end + 25].lower()
    if re.search(r"\b(?:to|addressed to|for)\s+(?:comrade\s+)?$", before):
        return "recipient"
    if re.search(r"\b(?:via|through)\s+(?:comrade\s+)?$", before):
        return "via"
    if re.search(r"\bfrom\s+(?:comrade\s+)?$", before) or re.match(
        r"^(?:'s|’s|s'|\s+(?:ask|request|want|need|order|sen[dt]|wr[io]te|sa(?:y|id)|promis|reply|replied|cable|telegram|agree|sign|mention|report|list))",
        after,
    ):
        return "sender"
    return ""


def find_people(text: str, names: Names) -> list[Mention]:
    """Known people the question names, exactly or misspelt, with a hint of their role."""
    found = [
        Mention(
            f.name,
            f.start,
            text[f.end : f.end + 2] in ("'s", "’s"),
            _role_hint(text, f.start, f.end),
            f.end,
            f.partial,
        )
        for f in names.find(text)
    ]
    # "Zhou Enlai to Stalin": the heading's order, sender then recipient, whatever precedes it
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        if a.end and re.fullmatch(r"\s+(?:to|->|→)\s+(?:comrade\s+)?", text[a.end : b.start], re.I):
            found[k] = replace(a, role_hint="sender")
            found[k + 1] = replace(b, role_hint="recipient")
    return found


def understand(text: str, aliases: Aliases, names: Names | None = None) -> Question:
    """Classify a question and pull out the people, numbers and words it turns on."""
    intent = "passage"
    identity = ""
    for name, pattern in INTENTS:
        m = pattern.search(text)
        if m:
            if name == "identity":
                identity = m.group("name").strip()
                if norm(identity) not in aliases.people and not _fuzzy_person(identity, aliases):
                    continue
            intent = name
            break
    if intent == "quantity" and re.search(r"\b(?:when|what date)\b", text, re.I):
        intent = "date"
    q = Question(text=text, intent=intent, identity=identity)
    if intent in ("who", "copies"):
        q.who_role = next((r for r, p in WHO_ROLES if p.search(text)), "")
    if intent == "date":
        q.date_role = next((r for r, p in DATE_ROLES if p.search(text)), "")
        if (
            q.date_role in ("sent", "received")
            and not CABLE_WORDS.search(text)
            and not re.search(r"'s\b|’s\b|\bhis\b|\bher\b", text)
        ):
            q.date_role = "delivery"  # "when will the bombers be sent": a thing, not the telegram
    q.people = find_people(text, names or Names(aliases, []))
    found_dates = find_dates(text, year=YEARLESS)
    q.dates = [d for _span, d in found_dates if d.start]
    date_spans = [span for span, _d in found_dates]

    def in_date(pos: int) -> bool:
        return any(a <= pos < b for a, b in date_spans)

    for m in re.finditer(
        r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million))?", text
    ):
        value = parse_number(m.group(0))
        if value is not None and not in_date(m.start()):
            q.numbers.append(value)
            q.number_words.append(m.group(1).replace(",", ""))
    people_words = {w for p in q.people for w in norm(p.name).split()}
    spans = [(p.start, p.end + 2) for p in q.people]
    words = []
    for m in re.finditer(r"[A-Za-z][A-Za-z\-’']*", text):
        w = norm(m.group(0).replace("’s", "").replace("'s", "")).replace(" ", "-")
        if not w or w in STOPWORDS or w in people_words or len(w) < 2 or in_date(m.start()):
            continue
        if any(a <= m.start() < b for a, b in spans):
            continue
        words.append(w)
    q.words = words
    q.wants_request = bool(VERBS_REQUEST.search(text))
    q.wants_promise = bool(VERBS_PROMISE.search(text)) and not q.wants_request
    return q


def _is_name_piece(word: str, q: Question, aliases: Aliases) -> bool:
    return any(
        fuzz.ratio(word, part) >= NAME_MATCH for p in q.people for part in norm(p.name).split()
    ) or any(fuzz.ratio(word, k) >= NAME_MATCH for k in aliases.people if " " not in k)


def _fuzzy_person(name: str, aliases: Aliases) -> str:
    best = process.extractOne(
        name,
        list(aliases.people),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=NAME_MATCH,
    )
    return aliases.people[best[0]] if best else ""


THING = re.compile(
    r"\b(?:how\s+(?:many|much)|(?:number|quantity|amount|total)\s+of)\s+(?P<thing>.+?)\s+"
    r"(?:did|does|do|were|was|is|are|will|would|has|have|had|can|could|should|in\s+total|altogether|"
    r"requested|promised|asked|sent|delivered|needed|wanted)\b",
    re.I,
)


def item_words(q: Question) -> list[str]:
    """The question's words that may name a thing, singular.

    "How many caartridges did Ki-nam Wisniewski request from Grigoriv?" names the thing
    between "how many" and the verb; the rest (people, places, the unknown) is context.
    """
    words = [singular(w) for w in q.words if not re.fullmatch(r"\d+", w)]
    m = THING.search(q.text)
    if m:
        thing_text = norm(m.group("thing"))
        inside = {singular(w) for w in thing_text.split()}
        thing = [
            w for w in words if w in inside or all(singular(x) in inside for x in w.split("-"))
        ]
        if thing:
            return thing
    return words
