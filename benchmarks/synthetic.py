"""Synthetic cables shaped like the seed's, written as text and read by cablebot's own parser.

Each cable is a plain-text transcription in the key-value format `cablebot ingest` reads
(`Title:`, `Date:`, `Source:` ... lines, a blank line, then the telegram as printed):
issuing office, "CIPHERED TELEGRAM No. N", copies, the received stamp, a priority marking,
"To Comrade ...", prose paragraphs, often a numbered list of requested or promised items
with quantities and units, a closing, the signature, the outgoing number and date.

Everything is drawn from seeded pools, so the same (n, seed) gives the same documents:
- people: a few hundred synthetic names plus the known ones in knowledge/aliases.yaml;
- items: a few hundred item names (modifier + thing, "Cartridges for ...");
- prose: a Zipf-weighted pool of common English and domain words followed by tens of
  thousands of generated rarer words, so the index sees a realistic vocabulary size.

`build_store` parses the documents with `knowledge.parse.parse_bytes` and writes them with
`Library.add_cables` in large batches, on top of the seed cables Library.open loads.
"""

from __future__ import annotations

import itertools
import random
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge.aliases import load_aliases, norm
from knowledge.library import Library

GENERATOR_VERSION = "1"  # bump when the documents change, so stored benchmark stores rebuild
DEFAULT_SEED = 1950
RARE_WORDS = 40_000  # generated words in the prose vocabulary's long tail
ZIPF_EXPONENT = 1.1  # Zipf-Mandelbrot weights 1 / (rank + ZIPF_SHIFT) ** ZIPF_EXPONENT
ZIPF_SHIFT = 2.7


# -- pools ---------------------------------------------------------------------------------
def _pool(text: str) -> list[str]:
    return text.split()


COMMON_WORDS = _pool("""
the of and to in a for that is on with by as be from this are will our we it which at
have not has all their was were its they been also but or an these can would should other
into more only such any must there them than under after before now further same both each
new present further necessary possible great very large small first second third whole
army front troops division divisions command commander headquarters staff units corps
regiment supply supplies transport railway railroad station bridge bridges river road roads
roads enemy forces operation operations situation question questions government party
committee comrades comrade people republic volunteer volunteers rear area areas region
border crossing winter spring summer autumn month months week weeks days time period
request requests report reports information decision decisions proposal proposals plan plans
agreement delegation negotiations talks position military political economic industrial
production factories factory workers materials equipment weapons arms ammunition fuel food
clothing losses aviation aircraft bombardment defence defense offensive attack attacks
retreat advance line lines positions sector sectors direction directions coast port ports
harbour airfield airfields units personnel specialists advisers instructors training schools
delivery deliveries shipment shipments transfer account portion quantity quantities amount
difficulties difficulty conditions measures order orders instructions directive telegram
reply answer opinion view views considerations circumstances interests assistance help aid
support cooperation friendship alliance treaty union soviet chinese korean american allied
international national central northern southern eastern western local general special
urgent immediate immediately quickly soon already still again however therefore because
since although while until during within without between against among about toward towards
above below behind beside beyond through throughout across along around near far here
following following above-mentioned mentioned indicated stated agreed approved considered
examined received sent transmitted informed communicated discussed decided prepared organized
completed begun continued increased reduced expected required needed demanded proposed asked
fulfil fulfilment execution result results progress state level scale number numbers part
parts side sides case cases matter matters point points task tasks goal aim purpose means
method methods way ways form forms kind kinds type types basis basis principle principles
comrade chairman premier minister ministry marshal general colonel officer officers soldiers
population peasants workers leaders leadership members member council conference meeting
meetings session sessions congress resolution resolutions document documents material
statement statements declaration communique press radio newspaper newspapers propaganda
situation mood morale spirit strength weakness numbers reserves reinforcements replacements
hospital hospitals wounded sick medical doctors nurses medicines camp camps prisoners
peninsula mountain mountains valley valleys hills plain plains city cities town towns village
villages province provinces district districts capital coastline islands island sea shore
construction repair repairs restoration work works building buildings depot depots warehouse
warehouses stocks reserve storage loading unloading echelon echelons trains wagons carriages
timely accurate complete full partial additional remaining entire separate joint common
certain definite clear serious heavy light strong weak difficult easy important main basic
primary secondary particular considerable significant sufficient insufficient limited
""")

FIRST_NAMES = _pool("""
Ivan Sergei Nikolai Pavel Dmitri Andrei Viktor Mikhail Aleksei Boris Grigori Fyodor Yakov
Konstantin Leonid Semyon Vasili Pyotr Anatoli Gennadi Arkadi Yuri Oleg Timofei Stepan Egor
Wei Jian Hua Ming Qiang Jun Lin Bo Tao Hong Yong Guang Xiu Ping Zhen Chun Dong Hai Wen Rong
Yong-ho Sang-jin Chol-su Myong-guk Tae-sik Dong-gyu Hyon-jun Song-il Ki-nam Won-sik
Jan Karel Tomas Milan Josef Stanislaw Henryk Istvan Laszlo Georgi Todor Anton Emil
""")
LAST_NAMES = _pool("""
Volkov Sokolov Lebedev Kozlov Novikov Morozov Petrov Pavlov Semenov Golubev Vinogradov
Bogdanov Vorobyov Fedorov Mikhailov Belyaev Tarasov Belov Komarov Orlov Kiselev Makarov
Andreev Kovalev Ilyin Gusev Titov Kuzmin Kudryavtsev Baranov Kulikov Alekseev Stepanov
Yakovlev Sorokin Sergeev Romanov Zakharchenko Borisov Korolev Gerasimov Ponomarev Grigoriev
Lazarev Medvedev Ershov Nikitin Sobolev Ryabov Polyakov Tsvetkov Danilov Zhukovsky Frolov
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Sun Xu Ma Hu Guo He Lin Luo Zheng Liang Xie Song
Tang Han Feng Deng Cao Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin
Pak Choe Chong Yun Kang Cho Han Im Song Hwang An Ryu Hong Chon Ko Mun Son Yang Pae
Novak Horak Dvorak Kowalski Nowak Wisniewski Szabo Nagy Toth Dimitrov Ivanov Georgiev
""")

PLACES = _pool("""
Beijing Moscow Pyongyang Shenyang Andong Dalny Vladivostok Harbin Khabarovsk Tianjin
Shanghai Wonsan Hamhung Sinuiju Kaesong Chita Irkutsk Novosibirsk Otpor Manzhouli Suifenhe
Changchun Jilin Tonghua Kanggye Huichon Anju Sariwon Chongjin Rason Hungnam Kimchaek
""")

OFFICES = [
    "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
    "MINISTRY OF FOREIGN AFFAIRS OF THE USSR",
    "CENTRAL COMMITTEE OF THE ALL-UNION COMMUNIST PARTY",
    "GENERAL STAFF OF THE ARMED FORCES OF THE USSR",
    "SECRETARIAT OF THE COUNCIL OF MINISTERS",
]
PRIORITIES = ["TOP PRIORITY", "EXTREMELY URGENT", "URGENT", "SPECIAL", "TOP SECRET", "PRIORITY"]
CLOSINGS = [
    "I wish you health.",
    "With bolshevik greetings.",
    "With communist greetings.",
    "Please confirm receipt.",
    "Telegraph the fulfilment.",
    "With fraternal greetings.",
]
POLITBURO = [
    "Molotov",
    "Malenkov",
    "Beria",
    "Mikoyan",
    "Kaganovich",
    "Bulganin",
    "Khrushchev",
    "Vasilevsky",
    "Shtemenko",
]

# Things a cable asks for, by family: (unit family, modifiers, things).
ITEM_FAMILIES: list[tuple[str, list[str], list[str]]] = [
    (
        "pieces",
        ["Soviet", "Czech", "light", "heavy", "new", "captured", "Japanese", "trophy", "automatic"],
        [
            "rifles",
            "carbines",
            "sub-machine guns",
            "machine guns",
            "pistols",
            "revolvers",
            "grenade launchers",
            "flare pistols",
            "bayonets",
            "sniper rifles",
            "signal pistols",
        ],
    ),  # fmt: skip
    (
        "pieces",
        [
            "76-mm",
            "82-mm",
            "85-mm",
            "107-mm",
            "120-mm",
            "122-mm",
            "152-mm",
            "37-mm",
            "57-mm",
            "45-mm",
        ],
        [
            "field guns",
            "mortars",
            "howitzers",
            "anti-aircraft guns",
            "anti-tank guns",
            "recoilless guns",
            "mountain guns",
            "shells",
            "mines",
            "rocket launchers",
        ],
    ),  # fmt: skip
    (
        "pieces",
        ["Soviet", "new", "ZIS-150", "GAZ-51", "Studebaker", "repaired", "heavy", "light"],
        [
            "automobiles",
            "trucks",
            "tractors",
            "motorcycles",
            "locomotives",
            "fuel tankers",
            "ambulances",
            "staff cars",
            "prime movers",
            "bicycles",
        ],
    ),  # fmt: skip
    (
        "sets",
        ["winter", "padded", "cotton", "woollen", "field", "summer", "officers'", "pilots'"],
        [
            "uniforms",
            "overcoats",
            "felt boots",
            "fur hats",
            "gloves",
            "blankets",
            "tents",
            "sleeping bags",
            "raincoats",
            "boots",
        ],
    ),  # fmt: skip
    (
        "tons",
        ["refined", "dried", "canned", "raw", "rolled", "aviation", "diesel", "high-grade"],
        [
            "flour",
            "rice",
            "sugar",
            "salt",
            "soybeans",
            "meat",
            "gasoline",
            "kerosene",
            "lubricating oil",
            "steel",
            "cement",
            "coal",
            "explosives",
            "TNT",
            "copper",
            "rubber",
        ],
    ),  # fmt: skip
    (
        "pieces",
        ["field", "portable", "long-range", "tank", "aircraft", "naval", "radio"],
        [
            "radio sets",
            "telephone sets",
            "switchboards",
            "searchlights",
            "binoculars",
            "compasses",
            "range finders",
            "generators",
            "radar stations",
            "batteries",
        ],
    ),  # fmt: skip
    (
        "km",
        ["field", "telephone", "armoured", "signal"],
        ["telephone cable", "telegraph wire", "barbed wire"],
    ),  # fmt: skip
    (
        "sets",
        ["surgical", "field", "dental", "first-aid", "sanitary"],
        ["medical kits", "stretchers", "bandages", "operating tables", "field kitchens"],
    ),  # fmt: skip
]
# Things no synthetic cable names, for "not found" questions.
ABSENT_ITEMS = [
    "submarines", "helicopters", "battleships", "typewriters", "pianos", "bulldozers",
    "satellites", "cruisers", "computers", "elephants", "harpoons", "saxophones",
]  # fmt: skip
SUBJECTS = [
    "the rearmament of the divisions", "the supply of the front", "the crossing of the river",
    "the defence of the coast", "the transport to the rear", "the repair of the bridges",
    "the training of the pilots", "the negotiations", "the winter campaign",
    "the situation at the front", "the railway traffic", "the air cover of the crossings",
]  # fmt: skip

_ONSETS = ["b", "br", "ch", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p",
           "pr", "r", "s", "sh", "st", "t", "tr", "v", "z", "zh", "sk", "pl", "bl", "ts"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ia", "ou", "y", "ei", "ua"]
_CODAS = ["", "", "", "n", "r", "l", "s", "k", "t", "v", "m", "sk", "ng", "st", "rd"]
_SUFFIXES = [""] * 8 + ["ation", "ment", "ity", "ical", "ness", "ive", "ous", "ing", "ed"]


@dataclass(frozen=True)
class Vocabulary:
    """The pools every synthetic cable draws from."""

    words: list[str]  # prose words, most frequent first
    cum_weights: list[float]  # Zipf weights for words, cumulative
    people: list[str]  # canonical names: synthetic plus the known ones
    known_people: list[str]  # the canonical names of knowledge/aliases.yaml
    items: list[tuple[str, str]]  # (item name, unit family)


def _pseudo_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    seen = set(taken)
    while len(out) < count:
        syllables = rng.choice((2, 2, 2, 3, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        word += rng.choice(_SUFFIXES)
        if 4 <= len(word) <= 13 and word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _synthetic_people(rng: random.Random, count: int) -> list[str]:
    """Names that neither are nor look like a known alias (so they stay distinct people)."""
    aliases = load_aliases(None)
    keys = [k for k in aliases.people if len(k) >= 4]
    pairs = [(f, la) for f in FIRST_NAMES for la in LAST_NAMES]
    rng.shuffle(pairs)
    out: list[str] = []
    for first, last in pairs:
        name = f"{first} {last}"
        tokens = norm(name).split()
        if any(t in aliases.people for t in tokens) or norm(name) in aliases.people:
            continue
        close = [process.extractOne(t, keys, scorer=fuzz.ratio, score_cutoff=80) for t in tokens]
        if any(close):
            continue
        out.append(name)
        if len(out) == count:
            break
    return out


def make_vocabulary(seed: int = DEFAULT_SEED, *, people: int = 300) -> Vocabulary:
    rng = random.Random(seed)
    common = list(dict.fromkeys(COMMON_WORDS))
    words = common + _pseudo_words(rng, RARE_WORDS, set(common))
    cum = list(
        itertools.accumulate((r + ZIPF_SHIFT) ** -ZIPF_EXPONENT for r in range(1, len(words) + 1))
    )
    known = sorted(set(load_aliases(None).people.values()) - {"Kwang-On Yoo"})
    names = _synthetic_people(rng, people)
    items: dict[str, str] = {}
    for unit, modifiers, things in ITEM_FAMILIES:
        for thing in things:
            items.setdefault(thing[:1].upper() + thing[1:], unit)
            for mod in rng.sample(modifiers, min(3, len(modifiers))):
                items.setdefault(f"{mod[:1].upper()}{mod[1:]} {thing}", unit)
    weapons = [n for n, _ in items.items() if n.endswith(("rifles", "guns", "pistols", "carbines"))]
    for w in rng.sample(weapons, min(30, len(weapons))):
        items.setdefault(f"Cartridges for {w[:1].lower()}{w[1:]}", "pieces")
    return Vocabulary(words, cum, names + known, known, sorted(items.items()))


# -- documents -----------------------------------------------------------------------------
@dataclass
class CableSpec:
    """What one synthetic cable says, kept to build benchmark questions (optional)."""

    name: str
    title: str
    sender: str
    recipient: str
    via: str = ""
    number: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (name, quantity text)


def _sentence(rng: random.Random, vocab: Vocabulary, lo: int = 8, hi: int = 24) -> str:
    words = rng.choices(vocab.words, cum_weights=vocab.cum_weights, k=rng.randint(lo, hi))
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    if rng.random() < 0.08:
        words.insert(rng.randrange(len(words)), rng.choice(vocab.people))
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _paragraph(rng: random.Random, vocab: Vocabulary) -> str:
    return " ".join(_sentence(rng, vocab) for _ in range(rng.randint(1, 5)))


def _written(name: str) -> str:
    """How a telegram prints a person: capitals, pseudonym for Stalin."""
    return "FILIPPOV [Stalin]" if name == "Stalin" else name.upper()


def _title_name(name: str, rng: random.Random) -> str:
    return "Filippov (Stalin)" if name == "Stalin" and rng.random() < 0.7 else name


def _quantity(rng: random.Random, unit: str, name: str) -> int:
    if name.startswith("Cartridges") or name.endswith(("shells", "mines")):
        return rng.choice((1, 2, 5, 8, 10, 20, 37, 58, 80)) * 10 ** rng.randint(5, 7)
    if unit == "tons":
        return rng.choice((5, 10, 20, 50, 100, 150, 200, 500, 1000, 2000, 5000))
    if unit == "km":
        return rng.choice((50, 100, 200, 300, 500, 1000, 1500))
    return rng.choice((1, 2, 3, 5, 7, 10, 12, 15, 20, 25, 26, 36, 50)) * 10 ** rng.randint(1, 3)


def _unit_words(unit: str) -> str:
    return "" if unit == "pieces" else f" {unit}"


def _fmt_day(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _maybe_wrap(rng: random.Random, text: str) -> list[str]:
    """Most paragraphs as one line; some broken mid-sentence the way transcriptions are."""
    if rng.random() < 0.3:
        return textwrap.wrap(text, rng.randint(45, 70), break_on_hyphens=False)
    return [text]


def cable_document(rng: random.Random, vocab: Vocabulary, k: int) -> tuple[CableSpec, str]:
    """One synthetic cable as a key-value text file: (spec, text)."""
    people = vocab.people
    sender = rng.choice(people)
    recipient = rng.choice(people)
    while recipient == sender:
        recipient = rng.choice(people)
    via = rng.choice(people) if rng.random() < 0.2 else ""
    if via in (sender, recipient):
        via = ""
    day = date(1949, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    number = str(10_000 + k)  # unique across the store
    outgoing = str(rng.randint(100, 9999))
    ciphered = rng.random() < 0.75
    s_t, r_t = _title_name(sender, rng), _title_name(recipient, rng)
    if via and rng.random() < 0.5:
        title = f"Telegram from {s_t} to {r_t} via {via}"
    elif via:
        title = f"Ciphered telegram, {s_t} to {r_t} (via {via})"
    else:
        title = f"{'Ciphered telegram' if ciphered else 'Telegram'}, {s_t} to {r_t}"
    promise = rng.random() < 0.3
    listed = rng.random() < 0.6
    chosen = rng.sample(vocab.items, rng.randint(3, 12) if listed else rng.randint(1, 2))
    spec = CableSpec(f"synthetic/{k:06d}.txt", title, sender, recipient, via, number)
    delo = rng.randint(300, 420)
    first = rng.randint(1, 200)
    listy = f"Listy {first}-{first + rng.randint(1, 3)}" if rng.random() < 0.7 else f"List {first}"
    source = f"APRF, Fond {rng.choice((45, 45, 45, 3, 59))}, Opis {rng.randint(1, 3)}, Delo {delo}, {listy}"
    what = ", ".join(n.lower() for n, _ in chosen[:3])
    description = (
        f"{'Reply' if promise else 'Request'} from {sender} to {recipient} concerning {what}."
    )

    lines: list[str] = [
        f"Title: {title}",
        f"Date: {_fmt_day(day)}",
        f"Source: {source}",
        f"Description: {description}",
        f"Record ID: SYN-{k:06d}",
        "",
    ]
    if rng.random() < 0.8:
        lines += [rng.choice(OFFICES), ""]
    lines.append(f"{'CIPHERED TELEGRAM' if ciphered else 'TELEGRAM'} No. {number}")
    if rng.random() < 0.6:
        copies = ["Stalin (2)", *rng.sample(POLITBURO, rng.randint(2, 8))]
        half = len(copies) // 2
        lines += ["Copies: " + ", ".join(copies[:half]) + ",", ", ".join(copies[half:]), ""]
    received = day + timedelta(days=rng.choice((0, 0, 1)))
    place = rng.choice(PLACES)
    lines += [
        f"From {place} Received {rng.randint(0, 23):02d} hours {rng.randint(0, 59):02d} minutes",
        f"{received.day}.{received.month}.{received.year}",
        "",
    ]
    if rng.random() < 0.6:
        lines += [rng.choice(PRIORITIES), ""]
    if via:
        lines += [f"To Comrade {_written(via)}", f"For Comrade {_written(recipient)}", ""]
    else:
        lines += [f"To Comrade {_written(recipient)}", ""]

    body: list[str] = []
    opening = _paragraph(rng, vocab)
    body.append(f"In connection with {rng.choice(SUBJECTS)}, {opening[:1].lower()}{opening[1:]}")
    for _ in range(rng.randint(1, 4)):
        body.append(_paragraph(rng, vocab))
    end = day + timedelta(days=rng.randint(20, 120))
    window = rng.choice(
        (
            f"before {end.day} {end.strftime('%B')}",
            f"in the course of {end.strftime('%B')} and "
            f"{(end + timedelta(days=31)).strftime('%B')} {end.year}",
            f"by {end.day} {end.strftime('%B')} {end.year}",
            "",
        )
    )
    if listed:
        if promise:
            lead = f"Your request will be satisfied. The following will be sent to you {window} (name, quantity in pieces):".replace(
                "  ", " "
            )
        else:
            lead = (
                f"For overcoming the difficulties of the present time I ask you to review the question "
                f"of the delivery {window} according to the following list (name, quantity in pieces):"
            ).replace("  ", " ")
        body.append(lead)
        for i, (name, unit) in enumerate(chosen, 1):
            qty = _quantity(rng, unit, name)
            body.append(f"{i}. {name} {qty:,}{_unit_words(unit)}.")
            spec.items.append((name, f"{qty:,}"))
    else:
        for name, unit in chosen:
            qty = _quantity(rng, unit, name)
            thing = (
                name[:1].lower() + name[1:] if name[:1].isupper() and name[1:2].islower() else name
            )
            amount = f"{qty:,} {unit} of {thing}" if unit != "pieces" else f"{qty:,} {thing}"
            if promise:
                body.append(
                    f"Your request will be satisfied. We will send {amount} {window}.".replace(
                        " .", "."
                    )
                )
            else:
                body.append(
                    f"I earnestly ask you to give a command about the transfer of {amount} "
                    f"for our army {window}.".replace(" .", ".")
                )
            spec.items.append((name, f"{qty:,}"))
    if rng.random() < 0.6:
        body.append(_paragraph(rng, vocab))
    for para in body:
        lines += [*_maybe_wrap(rng, para), ""]
    lines += [rng.choice(CLOSINGS), "", _written(sender).split(" [")[0], ""]
    sent = day - timedelta(days=rng.choice((0, 0, 1)))
    lines += [f"No. {outgoing}", f"{sent.day}.{sent.month}.{str(sent.year)[2:]}"]
    return spec, "\n".join(lines) + "\n"


def documents(
    n: int, seed: int = DEFAULT_SEED, vocab: Vocabulary | None = None
) -> Iterator[tuple[CableSpec, str]]:
    """n synthetic cables, the same ones for the same (n, seed)."""
    vocab = vocab or make_vocabulary(seed)
    rng = random.Random(seed * 1_000_003 + 7)
    for k in range(n):
        yield cable_document(rng, vocab, k)


# -- building a store ----------------------------------------------------------------------
@dataclass
class BuildStats:
    n: int
    cables: int = 0  # in the store afterwards, seeds included
    seed_seconds: float = 0.0  # Library.open on a new file: reading the seed documents
    generate_seconds: float = 0.0  # making the text (the benchmark's own cost, not cablebot's)
    parse_seconds: float = 0.0  # parse_bytes on every document
    write_seconds: float = 0.0  # Library.add_cables: SQLite writes and tantivy index
    failed: int = 0

    @property
    def build_seconds(self) -> float:
        return self.parse_seconds + self.write_seconds


def remove_store(db: Path) -> None:
    import shutil

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    index = db.with_name(db.name + ".index")
    if index.exists():
        shutil.rmtree(index)


def build_store(
    db: Path,
    n: int,
    *,
    seed: int = DEFAULT_SEED,
    batch: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> BuildStats:
    """A new store at db: the seed cables plus n synthetic ones, parsed by cablebot's parser."""
    from knowledge.errors import CablebotError
    from knowledge.parse import parse_bytes

    remove_store(db)
    stats = BuildStats(n)
    t0 = time.perf_counter()
    lib = Library.open(db)  # a new store: reads the seeds
    stats.seed_seconds = time.perf_counter() - t0
    vocab = make_vocabulary(seed)
    gen = documents(n, seed, vocab)
    done = 0
    try:
        while done < n:
            pending: list[tuple[str, list]] = []
            for _ in range(min(batch, n - done)):
                t = time.perf_counter()
                spec, text = next(gen)
                t1 = time.perf_counter()
                try:
                    cables = parse_bytes(text.encode(), name=spec.name, aliases=lib.aliases)
                except CablebotError:
                    stats.failed += 1
                    cables = []
                stats.generate_seconds += t1 - t
                stats.parse_seconds += time.perf_counter() - t1
                if cables:
                    pending.append((spec.name, cables))
                done += 1
            t = time.perf_counter()
            lib.add_cables(pending)
            stats.write_seconds += time.perf_counter() - t
            if progress:
                progress(done, n)
        stats.cables = lib.store.count()
    finally:
        lib.close()
    return stats


def store_size(db: Path) -> tuple[int, int]:
    """Bytes on disk: the SQLite file (with its WAL, if any) and the index folder."""
    sqlite = sum(
        p.stat().st_size for p in (Path(f"{db}{s}") for s in ("", "-wal", "-shm")) if p.exists()
    )
    index = db.with_name(db.name + ".index")
    folder = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) if index.exists() else 0
    return sqlite, folder


if __name__ == "__main__":  # print one document, to see what they look like
    import sys

    k = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    for spec, text in itertools.islice(documents(k + 1), k, k + 1):
        print(text)
        print(spec)
