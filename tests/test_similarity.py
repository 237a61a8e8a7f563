"""linters.similarity: normalisation, shingles, exact Jaccard, stored signatures and the LSH index."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linters.context import CorpusEntry
from linters.similarity import (
    NUM_PERM,
    SIGNATURE_HEADER,
    MemoryCorpus,
    ReprintIndex,
    article_shingles,
    article_signature,
    comparable,
    decode_signature,
    encode_signature,
    first_sentence_end,
    jaccard,
    lsh_params,
    minhash,
    normalise,
    shingles,
)

WORDS_TEXT = (
    "қала ауыл мектеп кітап оқырман фестиваль жастар ақын жазушы тарих мәдениет дәстүр өнер "
    "музей театр концерт спорт еңбек білім ғылым жаңалық жоба бағдарлама өңір облыс аудан "
    "город село школа книга читатель праздник молодёжь поэт история культура традиция музей "
    "театр концерт спорт наука проект программа область район встреча выставка конкурс"
)
WORDS = WORDS_TEXT.split()


def prose(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def test_normalisation_folds_case_punctuation_and_yo_and_keeps_kazakh_letters() -> None:
    assert normalise("ЁЛКА, Ёлка! «Қазақстан» — ӘНҰРАН; Үміт…") == [
        "елка",
        "елка",
        "қазақстан",
        "әнұран",
        "үміт",
    ]
    # soft hyphens, zero-width joiners, inner hyphens and apostrophes do not split or change a word
    assert normalise("Шым\u00adкент бір-бірі Д’Артаньян zero\u200bwidth") == [
        "шымкент",
        "бірбірі",
        "дартаньян",
        "zerowidth",
    ]
    # URLs, mentions and hashtags are not compared; digits are words
    assert normalise("2026 жыл https://ruh.kz/a?b=1 @ruh_kz #руханижаңғыру жаңалық") == [
        "2026",
        "жыл",
        "жаңалық",
    ]


def test_shingles_are_runs_of_five_words() -> None:
    words = ["бір", "екі", "үш", "төрт", "бес", "алты"]
    assert shingles(words) == {"бір екі үш төрт бес", "екі үш төрт бес алты"}
    assert shingles(words[:4]) == frozenset()


def test_exact_jaccard() -> None:
    a = frozenset({"a", "b", "c", "d"})
    assert jaccard(a, a) == 1.0
    assert jaccard(a, frozenset({"c", "d", "e", "f"})) == pytest.approx(2 / 6)
    assert jaccard(a, frozenset()) == 0.0


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Құрметті оқырмандар! Бүгін фестиваль.", len("Құрметті оқырмандар!")),
        ("Первая строка без точки\nвторая строка.", len("Первая строка без точки\n")),
        ("  🎉 Праздник… Потом текст", len("  🎉 Праздник…")),
        ("#тег #тағы\nАнонс. Текст", len("#тег #тағы\nАнонс.")),  # hashtags are no sentence
        ("Версия 2.0 вышла. Текст", len("Версия 2.0 вышла.")),  # a dot inside a number
        ("Одно предложение без конца", len("Одно предложение без конца")),
    ],
)
def test_first_sentence_ends_at_a_stop_followed_by_space_or_at_a_line_break(
    text: str, end: int
) -> None:
    assert first_sentence_end(text) == end


def test_comparable_body_skips_the_first_sentence_and_reports_its_span() -> None:
    text = "Бірінші сөйлем ортақ. Екінші сөйлемнің сөздері мұнда тұр #тег"
    body = comparable(text, skip_first_sentence=True)
    assert body.words == 5 and len(body.shingles) == 1
    assert text[body.span[0] : body.span[1]] == "Екінші сөйлемнің сөздері мұнда тұр"
    assert comparable("#тег #тағы https://x.kz").span is None


def test_signature_round_trip_and_stale_signatures() -> None:
    sh = article_shingles("Тақырып", "Бір екі үш төрт бес алты жеті сегіз тоғыз он.")
    data = encode_signature(minhash(sh))
    assert data.startswith(SIGNATURE_HEADER)
    values = decode_signature(data)
    assert values is not None and values.shape == (NUM_PERM,) and values.dtype == np.uint32
    assert np.array_equal(values, minhash(sh).hashvalues)
    assert decode_signature(b"arna-minhash;k=4;" + data[len(SIGNATURE_HEADER) :]) is None
    assert decode_signature(SIGNATURE_HEADER + b"\x00\x01") is None
    assert decode_signature(None) is None
    assert data == article_signature("Тақырып", "Бір екі үш төрт бес алты жеті сегіз тоғыз он.")


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.7, 0.8, 0.9])
def test_lsh_bands_catch_a_pair_at_the_threshold_with_probability_099(threshold: float) -> None:
    bands, rows = lsh_params(threshold)
    assert bands * rows <= NUM_PERM
    assert 1 - (1 - threshold**rows) ** bands >= 0.99
    # and one more row per band would miss that recall
    more = NUM_PERM // (rows + 1)
    assert 1 - (1 - threshold ** (rows + 1)) ** more < 0.99


def _corpus(n: int, seed: int = 7) -> list[CorpusEntry]:
    rng = random.Random(seed)
    return [
        CorpusEntry(
            id=i + 1,
            title=f"Мақала {i}",
            url=f"https://news.example.kz/{i}",
            text=" ".join(prose(rng, 12) for _ in range(8)),
        )
        for i in range(n)
    ]


def test_index_finds_the_reprinted_article_among_many_and_confirms_it_exactly() -> None:
    entries = _corpus(2000)
    index = ReprintIndex(MemoryCorpus(entries), 0.6)
    assert len(index) == 2000
    target = entries[1234]
    words = target.text.split()
    edited = " ".join(words[: int(len(words) * 0.85)])  # the last 15 % cut: Jaccard about 0.8
    post = comparable(edited).shingles
    found = index.matches(post)
    assert [e.id for e, _ in found] == [target.id]
    assert found[0][1] == pytest.approx(jaccard(post, article_shingles(target.title, target.text)))
    unrelated = comparable(prose(random.Random(99), 80)).shingles
    assert index.matches(unrelated) == []


def test_index_rebuilds_stale_signatures_from_the_text() -> None:
    entries = _corpus(30)

    class Stale(MemoryCorpus):
        def signatures(self):  # type: ignore[no-untyped-def]
            for article_id, data in super().signatures():
                yield article_id, (None if article_id % 2 else data)

    index = ReprintIndex(Stale(entries), 0.6, batch=4)
    assert sorted(index.ids.tolist()) == [e.id for e in entries]
    stored = dict(MemoryCorpus(entries).signatures())
    for article_id, row in zip(index.ids.tolist(), index.signatures, strict=True):
        assert np.array_equal(row, decode_signature(stored[article_id]))  # bulk read = one by one
    post = comparable(entries[4].text).shingles  # id 5: a stale one
    assert [e.id for e, _ in index.matches(post)] == [5]


def test_empty_corpus() -> None:
    index = ReprintIndex(MemoryCorpus([]), 0.6)
    assert index.matches(comparable(prose(random.Random(1), 50)).shingles) == []


@settings(max_examples=40, deadline=None)
@given(keep=st.floats(min_value=0.0, max_value=1.0), seed=st.integers(0, 10_000))
def test_index_never_reports_below_the_threshold_and_rarely_misses_above(
    keep: float, seed: int
) -> None:
    rng = random.Random(seed)
    entries = [
        CorpusEntry(
            id=1, title="", url="https://a.kz/1", text=" ".join(prose(rng, 10) for _ in range(10))
        ),
        CorpusEntry(
            id=2, title="", url="https://a.kz/2", text=" ".join(prose(rng, 10) for _ in range(10))
        ),
    ]
    index = ReprintIndex(MemoryCorpus(entries), 0.6)
    words = entries[0].text.split()
    post = comparable(" ".join(words[: max(6, int(len(words) * keep))])).shingles
    exact = jaccard(post, article_shingles("", entries[0].text))
    found = {e.id: s for e, s in index.matches(post)}
    assert all(s >= 0.6 for s in found.values())
    if exact >= 0.7:  # well above the threshold the LSH miss probability is below 1e-8
        assert 1 in found
