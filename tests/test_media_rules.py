"""The media rules through `arna lint`, on draft files with real (and really broken) media."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from channels.limits import LIMITS
from linters.engine import REGISTRY, Engine
from linters.media.samples import media_ref, sample
from linters.settings import LintSettings
from linters.subject import Subject
from tests import media_factory as mf
from tests.cli_helpers import run


def _draft(
    folder: Path, name: str, media: list[str], kind: str = "photo", network: str = "telegram"
) -> Path:
    listed = ", ".join(f'"{m}"' for m in media)
    path = folder / f"{name}.md"
    path.write_text(
        f'+++\nnetwork = "{network}"\nkind = "{kind}"\nstory = "{name}"\nlanguage = "ru"\n'
        f"media = [{listed}]\n+++\nФото с книжного фестиваля в Шымкенте. #руханижаңғыру "
        "#взглядвбудущее\n",
        encoding="utf-8",
    )
    return path


BROKEN = {
    # file name: (maker, the words the reason must contain)
    "cut.jpg": (
        lambda p: mf.truncated_copy(
            mf.make_photo(p.with_name("whole.jpg"), 800, 600, seed=1, label="A"), p
        ),
        "truncated",
    ),
    "empty.jpg": (mf.empty_file, "empty"),
    "bomb.png": (lambda p: mf.png_bomb(p, 20000, 20000), "pixels"),
    "sound.mp4": (mf.audio_only_mp4, "video"),
    "huge.mp4": (lambda p: mf.sparse_file(p, 10 * 2**30), "MB"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_kind_of_broken_media_is_a_p305_finding_and_the_others_are_still_linted(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, words = BROKEN[name]
    make(tmp_path / name)
    mf.make_photo(tmp_path / "good.jpg", 1620, 1080, seed=2, label="Arna")
    _draft(tmp_path, "broken", [name], kind="video" if name.endswith(".mp4") else "photo")
    _draft(tmp_path, "good", ["good.jpg"])
    _draft(tmp_path, "also-broken-but-fine-text", ["good.jpg"], network="instagram")
    start = time.monotonic()
    code, out, _ = run(capsys, "lint", str(tmp_path), "--format", "json", "--lang", "en")
    assert time.monotonic() - start < 60, "a hostile file must never hang the linter"
    report = json.loads(out)
    by_file = {Path(p["path"]).name: p for p in report["posts"]}
    assert set(by_file) == {"broken.md", "good.md", "also-broken-but-fine-text.md"}
    p305 = [f for f in by_file["broken.md"]["findings"] if f["code"] == "P305"]
    assert len(p305) == 1, by_file["broken.md"]["findings"]
    assert p305[0]["media"] == name and name in p305[0]["message"]
    assert words.lower() in p305[0]["message"].lower(), p305[0]["message"]
    assert not [f for f in by_file["good.md"]["findings"] if f["code"] == "P305"]
    assert code == 1  # P305 is an error


def test_a_png_named_mp4_is_a_p305_finding(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    mf.image(path, 320, 240, fmt="PNG")
    engine = Engine(LintSettings(select=("P305",)), limits=LIMITS)
    result = engine.lint(
        Subject(text="Видео.", network="telegram", kind="video", media=(media_ref(path),))
    )
    (finding,) = result.findings
    assert finding.evidence["reason"] == "extension" and finding.evidence["mime"] == "image/png"
    assert ".mp4" in finding.render("kk") and "image/png" in finding.render("ru")


def test_a_file_deleted_after_gathering_is_reported_missing(tmp_path: Path) -> None:
    path = mf.make_photo(tmp_path / "gone.jpg", 800, 600, seed=3, label="A")
    ref = media_ref(path)
    path.unlink()
    engine = Engine(LintSettings(select=("P305", "M430", "M403")), limits=LIMITS)
    result = engine.lint(Subject(text="Фото.", network="telegram", kind="photo", media=(ref,)))
    assert [f.code for f in result.findings] == ["P305"] and not result.crashes


def test_one_photo_is_decoded_once_for_every_rule_and_every_variant() -> None:
    from linters.media_facts import RESOURCE_KEY

    engine = Engine(LintSettings(select=("M403", "M430", "P303")), limits=LIMITS)
    ref = sample("photo-1080")
    for network in ("telegram", "instagram", "facebook"):
        engine.lint(Subject(text="Фото.", network=network, kind="photo", media=(ref,)))
    cache = engine.resources.get(RESOURCE_KEY, dict)
    facts = cache.facts(ref)
    assert facts.image() is facts.image()  # the same decoded picture every time
    assert len(cache._items) == 1


def test_ocr_rules_say_once_that_they_could_not_run_without_tesseract_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # an empty folder: no language data
    engine = Engine(LintSettings(select=("M410", "M411")), limits=LIMITS)
    subject = Subject(
        text="Цифры.", network="telegram", kind="infographic", media=(sample("infographic-many"),)
    )
    findings = engine.lint(subject).findings
    assert sorted(f.code for f in findings) == ["M410", "M411"]
    for f in findings:
        assert f.severity.value == "info" and "kaz" in f.render("en")


def test_m421_evidence_holds_the_cut_times() -> None:
    engine = Engine(LintSettings(select=("M421",)), limits=LIMITS)
    subject = Subject(
        text="Видео.", network="telegram", kind="video", media=(sample("video-one-shot"),)
    )
    (finding,) = engine.lint(subject).findings
    assert finding.evidence["shots"] == 1 and finding.evidence["cuts"] == []
    assert finding.evidence["mean_shot_seconds"] > 8
    lively = Subject(
        text="Видео.", network="telegram", kind="video", media=(sample("video-lively"),)
    )
    assert engine.lint(lively).findings == ()


def test_a_batch_analyses_its_heavy_media_in_worker_processes_with_the_same_findings() -> None:
    from linters.media_facts import MediaCache
    from linters.media_pool import MediaPool, prefetch

    subjects = [
        Subject(
            text="Цифры.",
            network="telegram",
            kind="infographic",
            media=(sample("infographic-many"),),
        ),
        Subject(text="Видео.", network="telegram", kind="video", media=(sample("video-one-shot"),)),
        Subject(text="Видео.", network="instagram", kind="video", media=(sample("video-lively"),)),
    ]
    cache = MediaCache()
    with MediaPool(2) as pool:
        assert prefetch(subjects, cache, pool) == 3
        assert prefetch(subjects, cache, pool) == 0  # done once
    facts = cache.facts(subjects[1].media[0])
    assert facts.results["cuts"].shots == 1 and facts.failure is None
    codes = ("M410", "M411", "M420", "M421")
    pooled = Engine(LintSettings(select=codes), limits=LIMITS, media_workers=2).lint_many(subjects)
    alone = Engine(LintSettings(select=codes), limits=LIMITS, media_workers=0).lint_many(subjects)
    assert [r.findings for r in pooled] == [r.findings for r in alone]
    assert {f.code for r in pooled for f in r.findings} >= {"M410", "M421"}


def test_the_html_report_shows_flagged_media_with_their_boxes_and_video_frames() -> None:
    import base64
    import io

    from PIL import Image

    from linters.context import OfficeView
    from linters.media.samples import sample_path
    from linters.report import render

    logos = ((str(sample_path("logo")), ""),)
    engine = Engine(
        LintSettings(select=("M440", "M421", "M430")), limits=LIMITS, office=OfficeView(logos=logos)
    )
    subjects = [
        Subject(text="Фото.", network="telegram", kind="photo", media=(sample("photo-with-logo"),)),
        Subject(text="Видео.", network="telegram", kind="video", media=(sample("video-one-shot"),)),
        Subject(text="Фото.", network="telegram", kind="photo", media=(sample("photo-1080"),)),
    ]
    results = engine.lint_many(subjects)
    page = render(results, "html", lang="ru", registry=REGISTRY, version="test")
    thumbs = page.count('<figure class="thumb"><img src="data:image/jpeg;base64,')
    strips = page.count('<figure class="strip"><img src="data:image/jpeg;base64,')
    assert (thumbs, strips) == (1, 1)  # the clean photo gets no picture
    start = page.index('class="thumb"><img src="data:image/jpeg;base64,') + len(
        'class="thumb"><img src="data:image/jpeg;base64,'
    )
    data = base64.b64decode(page[start : page.index('"', start)])
    from linters.report.thumbnails import image_thumbnail

    plain_uri = image_thumbnail(sample("photo-with-logo").path, [])  # type: ignore[arg-type]
    plain = base64.b64decode(plain_uri.split(",", 1)[1])  # type: ignore[union-attr]

    def red(raw: bytes) -> int:
        pixels = np.asarray(Image.open(io.BytesIO(raw)).convert("RGB")).astype(int)
        r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
        return int(((r > 170) & (g < 110) & (b < 110)).sum())

    assert red(data) > red(plain) + 100, "the logo's box is drawn in red"


def test_logo_rules_read_the_workspace_plan_and_brand_logos(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from arna.workspace import Workspace
    from linters.media.samples import sample_path
    from posts.models import PlanEvent

    ws = Workspace.open(in_ws)
    try:
        with ws.db.write() as s:
            for key, approved in (("2026-W48-03", True), ("2026-W48-07", False)):
                s.add(
                    PlanEvent(
                        key=key,
                        office=ws.config.office.id,
                        title=key,
                        starts_at=datetime(2026, 11, 28, 5, tzinfo=UTC),
                        scale="regional",
                        approved=approved,
                    )
                )
        logo_file = ws.config.resolve(ws.config.brand.logos[0])
    finally:
        ws.close()
    folder = in_ws / "logo-drafts"
    folder.mkdir()
    # the workspace's own stand-in logo, pasted into a photo
    from PIL import Image

    from linters.media.logo_samples import paste_logo
    from posts.media_samples import render_photo

    picture, _ = paste_logo(
        render_photo(1600, 1200, seed=4, label="A"),
        Image.open(logo_file),
        width=300,
        angle=-4.0,
        centre=(400, 300),
    )
    picture.save(folder / "fest.jpg", "JPEG", quality=85)
    bases = {"approved": "plan:2026-W48-03", "unapproved": "plan:2026-W48-07", "none": None}
    for name, basis in bases.items():
        line = f'logo_basis = "{basis}"\n' if basis else ""
        (folder / f"{name}.md").write_text(
            f'+++\nnetwork = "telegram"\nkind = "photo"\nstory = "{name}"\nlanguage = "ru"\n'
            f'media = ["fest.jpg"]\n{line}+++\nФото с фестиваля. #руханижаңғыру #взглядвбудущее\n',
            encoding="utf-8",
        )
    assert sample_path("logo").exists()
    _, out, _ = run(capsys, "lint", str(folder), "--format", "json", "--no-cache")
    codes = {
        Path(p["path"]).stem: {f["code"] for f in p["findings"]} for p in json.loads(out)["posts"]
    }
    assert "M440" not in codes["approved"] and "M441" not in codes["approved"]
    assert {"M440", "M441"} <= codes["unapproved"]
    assert "M440" in codes["none"] and "M441" not in codes["none"]
