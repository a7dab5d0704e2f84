"""Near-duplicate detection for initiatives: "does this new one resemble one we already have?"

Text is folded (core.text.fold: no diacritics, lower case), so "Ứng dụng phần mềm" and "ung
dung phan mem" are the same words. Generic words of initiative titles ("một số giải pháp", "và",
"của") are dropped: they make every title look alike.

Two steps keep a search among 50,000 initiatives fast on SQLite:
1. candidates — `InitiativeToken` holds every distinct title token (syllables and adjacent
   syllable pairs, the latter close to Vietnamese two-syllable words); one indexed GROUP BY
   query returns the initiatives sharing the most tokens with the query;
2. scoring in Python on the stored `signature`: the mean of two Dice coefficients — on the
   character trigrams of the content words (ignores word order, forgives a typo) and on the
   words and word pairs (tells "phần mềm quản lý hồ sơ" from "phần mềm quản lý thư viện",
   which share many letters) — mixed 80/20 with the summary's when both texts have one.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from core.text import fold
from emulation.initiatives.models import Initiative, InitiativeToken

# Above this score the register form warns that the initiative may already exist. Chosen on the
# tests' pairs: rewordings, additions and typos of one title score ≥ 0.75; different topics
# that share half their words ("phần mềm quản lý thư viện") stay under 0.67.
WARN_THRESHOLD = 0.7
MIN_SHOWN = 0.3  # below this, a shared word or two: noise, not a resemblance
CANDIDATES = 100
# Candidate picking reads the postings of the query's rarest tokens first, up to this many rows
# (at least three tokens): common words ("quản lý", "học sinh") would otherwise make the query
# read a large share of the index for every keystroke.
POSTINGS_BUDGET = 6000
SUMMARY_WORDS = 60  # the first content words of a summary are enough to tell topics apart
SUMMARY_WEIGHT = 0.2
SEPARATOR = "|"

# Phrases found in most initiative titles ("Một số giải pháp nâng cao…"): they say nothing about
# the topic. Folded, matched as whole words.
STOP_PHRASES = ("mot so", "giai phap", "bien phap", "sang kien", "de tai", "kinh nghiem",
                "nang cao", "thong qua")
# Function words. Folding merges some words (để/đề → "de"); only those whose every reading is a
# function word, or rare in titles, are listed: "co" (cơ sở) and "tai" (tài chính) stay.
STOP_WORDS = frozenset({"va", "cua", "cho", "trong", "cac", "nhung", "mot", "voi", "de", "o",
                        "la", "ve", "nay", "theo", "tren", "duoc", "den", "khi", "ma", "hoac",
                        "nham"})
_STOP_PHRASES = re.compile(r"\b(?:" + "|".join(STOP_PHRASES) + r")\b")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def content_words(text: str | None) -> list[str]:
    """Folded words of `text` without punctuation, generic phrases and function words."""
    folded = _NON_WORD.sub(" ", fold(text))
    folded = _STOP_PHRASES.sub(" ", folded)
    return [w for w in folded.split() if w not in STOP_WORDS]


def tokens(words: list[str]) -> set[str]:
    """Index tokens: each word and each adjacent pair ("hoc sinh"), at most 40 characters."""
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return {t[:40] for t in {*words, *pairs}}


def signature(title: str, summary: str = "") -> str:
    """What `score` needs, stored on the initiative: title words | first summary words."""
    return (" ".join(content_words(title)) + SEPARATOR
            + " ".join(content_words(summary)[:SUMMARY_WORDS]))


def _trigrams(words: str) -> Counter:
    grams = Counter()
    for word in words.split():
        padded = f" {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


class _Profile:
    """What scoring needs of one text (trigrams, words and pairs), computed once."""

    __slots__ = ("trigrams", "trigram_total", "tokens")

    def __init__(self, words: str):
        self.trigrams = _trigrams(words)
        self.trigram_total = sum(self.trigrams.values())
        self.tokens = tokens(words.split())

    def score(self, other: "_Profile") -> float:
        both = self.trigram_total + other.trigram_total
        letters = 2 * sum((self.trigrams & other.trigrams).values()) / both if both else 0.0
        both = len(self.tokens) + len(other.tokens)
        words = 2 * len(self.tokens & other.tokens) / both if both else 0.0
        return (letters + words) / 2


def _profiles(sig: str) -> tuple[_Profile, _Profile | None]:
    title, _sep, summary = sig.partition(SEPARATOR)
    return _Profile(title), (_Profile(summary) if summary else None)


def _score(mine: tuple, theirs: tuple) -> float:
    title_score = mine[0].score(theirs[0])
    if mine[1] is None or theirs[1] is None:
        return title_score
    return (1 - SUMMARY_WEIGHT) * title_score + SUMMARY_WEIGHT * mine[1].score(theirs[1])


def score(sig_a: str, sig_b: str) -> float:
    """Similarity 0–1 of two signatures."""
    return _score(_profiles(sig_a), _profiles(sig_b))


@dataclass(frozen=True)
class Match:
    initiative: Initiative
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def warn(self) -> bool:
        return self.score >= WARN_THRESHOLD


def similar_initiatives(title: str, summary: str = "", *, limit: int = 5,
                        exclude_pk: int | None = None, queryset=None) -> list[Match]:
    """The `limit` existing initiatives most like `title` (+ `summary`), best first, each with
    its score; `Match.warn` says whether it passes WARN_THRESHOLD. Three queries."""
    wanted = _rarest(tokens(content_words(title)))
    if not wanted:
        return []
    hits = (InitiativeToken.objects.filter(token__in=wanted)
            .values("initiative_id").annotate(n=Count("id")).order_by("-n")[:CANDIDATES + 1])
    ids = [h["initiative_id"] for h in hits if h["initiative_id"] != exclude_pk][:CANDIDATES]
    qs = (queryset if queryset is not None else Initiative.objects).filter(pk__in=ids)
    mine = _profiles(signature(title, summary))
    matches = [Match(i, _score(mine, _profiles(i.signature)))
               for i in qs.select_related("unit").only(
                   "public_id", "code", "title", "state", "year", "signature", "unit__name")]
    matches.sort(key=lambda m: (-m.score, m.initiative.code))
    return [m for m in matches[:limit] if m.score >= MIN_SHOWN]


def _rarest(wanted: set[str]) -> list[str]:
    """The query tokens that exist, rarest first, within POSTINGS_BUDGET (index-only count)."""
    if not wanted:
        return []
    frequency = dict(InitiativeToken.objects.filter(token__in=wanted).values_list("token")
                     .annotate(n=Count("initiative")).values_list("token", "n"))
    chosen, rows = [], 0
    for token in sorted(frequency, key=lambda t: (frequency[t], t)):
        if len(chosen) >= 3 and rows + frequency[token] > POSTINGS_BUDGET:
            break
        chosen.append(token)
        rows += frequency[token]
    return chosen


def index_tokens(initiative) -> list:
    """The InitiativeToken rows of `initiative` (unsaved): for bulk loaders."""
    title_sig = initiative.signature.partition(SEPARATOR)[0]
    return [InitiativeToken(initiative=initiative, token=t) for t in tokens(title_sig.split())]


def reindex(initiative) -> None:
    """Refresh the stored signature and tokens of one initiative (after its text changed)."""
    initiative.signature = signature(initiative.title, initiative.summary)
    Initiative.objects.filter(pk=initiative.pk).update(signature=initiative.signature)
    InitiativeToken.objects.filter(initiative=initiative).delete()
    InitiativeToken.objects.bulk_create(index_tokens(initiative))
