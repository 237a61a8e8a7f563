"""Infographic OCR analysis (linters.media.ocr): real tesseract on pictures drawn here."""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from linters.media.ocr import (
    Box,
    Line,
    OcrResult,
    Word,
    numeric_facts,
    read_text,
    smallest_line_ratio,
    tesseract_status,
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

_STATUS = tesseract_status()
needs_tesseract = pytest.mark.skipif(
    not _STATUS.available, reason=f"OCR tests need tesseract: {_STATUS.reason}"
)
needs_fonts = pytest.mark.skipif(
    not (FONT.exists() and FONT_BOLD.exists()), reason="DejaVu fonts are not installed"
)


@pytest.fixture(autouse=True)
def _one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")


def font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), px)


def draw_centered(
    draw: ImageDraw.ImageDraw, text: str, cx: int, y: int, f: ImageFont.FreeTypeFont, fill
) -> tuple[int, int, int, int]:
    """Draws text centred on cx with its top at y; returns its ink box (x0, y0, x1, y1)."""
    x0, _, x1, _ = draw.textbbox((0, 0), text, font=f, anchor="la")
    x = cx - (x1 - x0) // 2
    draw.text((x, y), text, font=f, fill=fill, anchor="la")
    return draw.textbbox((x, y), text, font=f, anchor="la")


def ink_xywh(box: tuple[int, int, int, int]) -> list[int]:
    return [box[0], box[1], box[2] - box[0], box[3] - box[1]]


def line_ink_height(text: str, f: ImageFont.FreeTypeFont) -> int:
    """Ink height of a line: the measure smallest_line_ratio uses."""
    box = f.getbbox(text, anchor="la")
    return box[3] - box[1]


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def fake_result(*texts: str) -> OcrResult:
    """An OcrResult with one line per text (no OCR): for the pure fact-finding tests."""
    lines = []
    for row, text in enumerate(texts):
        words, x = [], 10
        for token in text.split():
            words.append(Word(token, Box(x, 10 + 60 * row, 18 * len(token), 30), 95.0))
            x += 18 * len(token) + 12
        lines.append(Line(tuple(words), Box.union(w.box for w in words)))
    return OcrResult((), tuple(lines), (), (1080, 1080), "kaz+rus+eng")


# --------------------------------------------------------------------------- status


def test_status_names_missing_language_data(tmp_path: Path, monkeypatch) -> None:
    if _STATUS.version is None:
        pytest.skip(f"needs the tesseract program: {_STATUS.reason}")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    status = tesseract_status()
    assert not status.available
    assert status.missing == ("kaz", "rus", "eng")
    assert "kaz.traineddata" in status.reason and "rus.traineddata" in status.reason
    assert str(tmp_path) in status.reason


def test_status_names_missing_program(monkeypatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/bin/tesseract")
    status = tesseract_status()
    assert not status.available
    assert status.version is None
    assert "not installed" in status.reason and "/nonexistent/bin/tesseract" in status.reason


@needs_tesseract
def test_status_ok_here() -> None:
    assert _STATUS.available and _STATUS.reason is None
    assert {"kaz", "rus", "eng"} <= set(_STATUS.languages)


# --------------------------------------------------------------------------- facts (no OCR)


def test_facts_are_distinct_values() -> None:
    facts = numeric_facts(
        fake_result(
            "35% жастар",
            "1,2 млн адам",
            "тағы да 35%",  # the same percentage again
            "1 200 000 адам",  # 1,2 млн written out
            "15 млрд теңге",
            "35 оқулық",  # 35 but not a percentage: a different fact
        )
    )
    assert [(f.value, f.percent) for f in facts] == [
        (35.0, True),
        (1_200_000.0, False),
        (15e9, False),
        (35.0, False),
    ]
    assert facts[2].text == "15 млрд теңге"


def test_years_dates_and_list_numbers_are_not_facts() -> None:
    facts = numeric_facts(
        fake_result(
            "2024 жыл",
            "Итоги 2023 года",
            "12.05.2024",
            "2017-2025 жж.",
            "1. Ауыл – Ел бесігі",
            "2) Туған жер",
            "500 тыс. человек",
            "120 мың",
        )
    )
    assert [f.value for f in facts] == [500_000.0, 120_000.0]


def test_fact_box_covers_its_words() -> None:
    result = fake_result("Барлығы 15 млрд теңге жұмсалды")
    (fact,) = numeric_facts(result)
    words = result.lines[0].words
    assert fact.box == Box.union(w.box for w in words[1:4])


def test_smallest_line_ratio_without_text_is_none() -> None:
    assert smallest_line_ratio(fake_result(), 1080) is None
    assert smallest_line_ratio(fake_result("Туған жер"), 1080) == pytest.approx(30 / 1080)


# --------------------------------------------------------------------------- OCR


@needs_tesseract
@needs_fonts
def test_reads_kazakh_and_russian_lines_in_both_polarities() -> None:
    kk = "Қазақстанның киелі жерлері"
    ru = "Сакральная география Казахстана"
    image = Image.new("RGB", (1080, 600), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    kk_box = draw_centered(draw, kk, 540, 100, font(48), (20, 30, 60))
    draw.rectangle((0, 300, 1080, 600), fill=(18, 40, 86))  # light text on a dark panel
    draw_centered(draw, ru, 540, 420, font(48), (255, 255, 255))
    result = read_text(image)
    texts = [line.text for line in result.lines]
    assert max(similar(t, kk) for t in texts) >= 0.85, texts
    assert max(similar(t, ru) for t in texts) >= 0.85, texts
    line = max(result.lines, key=lambda ln: similar(ln.text, kk))
    assert abs(line.box.x - kk_box[0]) <= 4 and abs(line.box.y - kk_box[1]) <= 4
    assert abs(line.box.right - kk_box[2]) <= 6 and abs(line.box.bottom - kk_box[3]) <= 4
    assert len(result.blocks) == 2


@needs_tesseract
@needs_fonts
def test_boxes_stay_in_input_coordinates_for_a_small_image() -> None:
    image = Image.new("RGB", (540, 540), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw_centered(draw, "Туған жер", 270, 150, font(40, bold=True), (10, 10, 10))
    box = draw_centered(draw, "75%", 270, 300, font(40, bold=True), (10, 10, 10))
    result = read_text(np.asarray(image))  # scaled up inside; boxes come back at 540 x 540
    assert result.image_size == (540, 540)
    (fact,) = numeric_facts(result)
    assert fact.percent and fact.value == 75
    assert [abs(a - b) <= 5 for a, b in zip(fact.box.as_list(), ink_xywh(box), strict=True)] == [
        True
    ] * 4, (fact.box, box)


def _one_message() -> tuple[Image.Image, int]:
    """A title, one big number with its label, a small source line under it all."""
    image = Image.new("RGB", (1080, 1080), (0, 120, 140))
    draw = ImageDraw.Draw(image)
    draw_centered(draw, "Туған жер 2024", 540, 80, font(64, bold=True), "white")
    draw_centered(draw, "1,2 млн", 540, 380, font(200, bold=True), "white")
    draw_centered(draw, "жобаға қатысушылар", 540, 640, font(48), "white")
    draw.ellipse((490, 760, 590, 860), fill=(0, 90, 105))
    source = "Дереккөз: жобалық кеңсе"
    draw_centered(draw, source, 540, 1000, font(18), "white")
    return image, line_ink_height(source, font(18))


def _many_facts() -> Image.Image:
    """A title and a 3 x 2 grid of numbers with labels on panels."""
    image = Image.new("RGB", (1080, 1350), (245, 241, 232))
    draw = ImageDraw.Draw(image)
    draw_centered(draw, "Жобаның нәтижелері", 540, 60, font(60, bold=True), (60, 40, 20))
    cells = [
        ("35%", "жастар үлесі"),
        ("120 мың", "оқырмандар саны"),
        ("15 млрд теңге", "демеушілер қаражаты"),
        ("480", "мектептер"),
        ("2 300", "еріктілер"),
        ("35%", "жастар үлесі"),  # repeated: still six cells, five facts
    ]
    for i, (number, label) in enumerate(cells):
        r, c = divmod(i, 2)
        x0, y0 = 60 + c * 490, 220 + r * 360
        draw.rounded_rectangle((x0, y0, x0 + 470, y0 + 330), radius=20, fill=(220, 205, 180))
        draw_centered(draw, number, x0 + 235, y0 + 80, font(64, bold=True), (60, 40, 20))
        draw_centered(draw, label, x0 + 235, y0 + 190, font(36), (60, 40, 20))
    return image


@needs_tesseract
@needs_fonts
def test_one_message_versus_many_facts() -> None:
    one_image, source_h = _one_message()
    one = read_text(one_image)
    one_facts = numeric_facts(one)
    assert [f.value for f in one_facts] == [1_200_000.0]  # the year in the title is no fact
    assert len(one.blocks) <= 5

    many = read_text(_many_facts())
    values = sorted((f.value, f.percent) for f in numeric_facts(many))
    assert values == [(35.0, True), (480.0, False), (2300.0, False), (120e3, False), (15e9, False)]
    assert len(many.blocks) >= 6

    # the small source line under the big number is read, and it is the smallest line
    ratio = smallest_line_ratio(one, one_image.height)
    assert ratio == pytest.approx(source_h / 1080, rel=0.15)
    assert ratio < 0.025
    assert any("кеңсе" in line.text or "Дерек" in line.text for line in one.lines)


@needs_tesseract
@needs_fonts
def test_smallest_line_ratio_of_comfortable_text() -> None:
    image = Image.new("RGB", (1920, 1080), (30, 30, 30))
    draw = ImageDraw.Draw(image)
    draw_centered(draw, "Білім – болашақтың кілті", 960, 300, font(96, bold=True), (250, 210, 60))
    label = "Тарихыңды біл"
    draw_centered(draw, label, 960, 700, font(44), (250, 210, 60))
    result = read_text(image)
    ratio = smallest_line_ratio(result, image.height)
    assert ratio == pytest.approx(line_ink_height(label, font(44)) / 1080, rel=0.1)
    assert ratio > 0.025


def test_textured_photo_is_skipped_with_a_reason() -> None:
    """A photo-like picture is not fed to tesseract (it would take seconds to read noise)."""
    noise = np.random.default_rng(7).integers(0, 256, (1080, 1920, 3), dtype=np.uint8)
    result = read_text(noise)
    assert result.lines == () and result.blocks == ()
    assert result.skipped is not None and "photo" in result.skipped
    assert numeric_facts(result) == () and smallest_line_ratio(result, 1080) is None
