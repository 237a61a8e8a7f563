"""The sample week that `arna init` writes: drafts in Kazakh and Russian, with generated media.

Each story is written separately for each network, as the guide asks: the Telegram text is short
and lively, the Instagram caption leads with the picture and carries hashtags in several
languages, and the Facebook text tells a little more. Times are set in the week after `today`,
as naive local times (they are read in the office's zone), except where a draft leaves `scheduled`
out to take the channel's next free slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from posts.config_template import toml_string
from posts.media_samples import make_photo, make_video


@dataclass(frozen=True)
class SampleMedia:
    name: str
    kind: str  # "photo" | "video"
    width: int
    height: int
    seconds: float = 0.0
    seed: int = 0
    label: str = ""


@dataclass(frozen=True)
class SampleDraft:
    file: str
    network: str
    channel: str
    kind: str
    language: str
    story: str
    text: str
    direction: str | None = None
    project: str | None = None
    media: tuple[str, ...] = ()
    alt: tuple[str, ...] = ()
    day: int | None = None  # 0 = Monday of the sample week; None takes the next free slot
    at: time | None = None
    extra: tuple[str, ...] = field(default=())  # further front-matter lines, verbatim TOML
    seeded: tuple[str, ...] = ()  # rule codes this draft breaks on purpose, for the demo


MEDIA: tuple[SampleMedia, ...] = (
    SampleMedia("kitap-fest-01.jpg", "photo", 1350, 1080, seed=11, label="Кітап фестивалі"),
    SampleMedia("kitap-fest-02.jpg", "photo", 1080, 1350, seed=12, label="Kitap fest"),
    SampleMedia("tugan-zher-01.jpg", "photo", 1080, 1080, seed=21, label="Туған жер"),
    SampleMedia("latyn-sabak.mp4", "video", 640, 360, seconds=12.0, label="Латын әліпбиі"),
)

TAGS_KK = "#руханижаңғыру #болашаққабағдар"
TAGS_RU = "#руханижаңғыру #взглядвбудущее"
TAGS_IG = "#руханижаңғыру #болашаққабағдар #взглядвбудущее #kitapfest"

DRAFTS: tuple[SampleDraft, ...] = (
    SampleDraft(
        file="01-kitap-fest-telegram-kk.md",
        network="telegram",
        channel="tg-main",
        kind="announcement",
        language="kk",
        story="kitap-fest",
        direction="knowledge",
        day=0,
        at=time(10, 0),
        text=(
            "Сенбіде орталық саябақта «Кітап фест» өтеді! 📚\n\n"
            "Жергілікті ақындармен кездесу, балаларға арналған оқу бұрышы және кітап алмасу "
            "сөресі — бәрі тегін. Өзіңіз оқып шыққан кітапты ала келіңіз, басқасына айырбастаңыз.\n\n"
            f"{TAGS_KK}"
        ),
        extra=('button = { text = "Бағдарлама", url = "https://example.kz/kitap-fest" }',),
    ),
    SampleDraft(
        file="02-kitap-fest-instagram-ru.md",
        network="instagram",
        channel="ig-main",
        kind="album",
        language="ru",
        story="kitap-fest",
        media=("kitap-fest-01.jpg", "kitap-fest-02.jpg"),
        alt=(
            "Полки с книгами под открытым небом в парке",
            "Девочка выбирает книгу на стенде обмена",
        ),
        day=1,
        at=time(19, 0),
        text=(
            "Какую книгу вы бы отдали другу, чтобы он обязательно её прочитал? 📖\n\n"
            "В субботу в центральном парке — «Кітап фест»: обмен книгами, встречи с поэтами "
            "и уголок чтения для детей. Листайте карусель и приходите с любимой книгой.\n\n"
            f"{TAGS_IG}"
        ),
    ),
    SampleDraft(
        file="03-kitap-fest-facebook-kk.md",
        network="facebook",
        channel="fb-main",
        kind="photo",
        language="kk",
        story="kitap-fest",
        media=("kitap-fest-01.jpg",),
        alt=("Саябақтағы ашық аспан астындағы кітап сөрелері",),
        day=2,
        at=time(12, 0),
        text=(
            "Оқитын ұлт — болашағы жарқын ұлт. Осы ойды іске асыру үшін сенбі күні орталық "
            "саябақта «Кітап фест» ұйымдастырамыз.\n\n"
            "Фестивальде жас ақындар өз өлеңдерін оқиды, ал балалар үшін ертегі сағаты болады. "
            "Кітап алмасу сөресіне үйдегі артық кітаптарыңызды әкеліп, жаңа кітап алып кете "
            "аласыз. Отбасыңызбен келіңіз!\n\n"
            f"{TAGS_KK}"
        ),
    ),
    SampleDraft(
        file="04-tugan-zher-telegram-ru.md",
        network="telegram",
        channel="tg-main",
        kind="photo",
        language="ru",
        story="tugan-zher-ekspeditsiya",
        project="tugan-zher",
        direction="national-identity",
        media=("tugan-zher-01.jpg",),
        text=(
            "Школьники из Сайрама неделю записывали истории старожилов о родном ауле. "
            "Самая неожиданная — о роднике, который местные называют «Ата бұлақ».\n\n"
            "Полную историю расскажем в четверг. А какие легенды знаете вы?\n\n"
            f"{TAGS_RU}"
        ),
    ),
    SampleDraft(
        file="05-tugan-zher-instagram-kk.md",
        network="instagram",
        channel="ig-main",
        kind="photo",
        language="kk",
        story="tugan-zher-ekspeditsiya",
        project="tugan-zher",
        media=("tugan-zher-01.jpg",),
        alt=("Ауыл шетіндегі бұлақ пен тау бөктері",),
        day=3,
        at=time(19, 0),
        text=(
            "«Ата бұлақ» туралы аңызды естідіңіз бе? 💧\n\n"
            "Сайрамның оқушылары бір апта бойы ауыл ақсақалдарының әңгімелерін жазып алды. "
            "Туған жердің тарихы — әрбір бұлақта, әрбір көшеде.\n\n"
            "#руханижангыру #туғанжер #взглядвбудущее #родная_земля"
        ),
        seeded=("H306",),
    ),
    SampleDraft(
        file="06-tugan-zher-facebook-ru.md",
        network="facebook",
        channel="fb-main",
        kind="text",
        language="ru",
        story="tugan-zher-ekspeditsiya",
        project="tugan-zher",
        day=4,
        at=time(17, 0),
        text=(
            "Как появилось название вашего села? Мы спросили об этом жителей Сайрамского района — "
            "и получили двадцать разных версий.\n\n"
            "В рамках реализации проекта «Туған жер» школьный краеведческий клуб собрал их в "
            "небольшую книгу. Некоторые истории передавались только устно и раньше нигде не были "
            "записаны. Осуществление деятельности клуба продолжится: делитесь в комментариях "
            "легендами своих мест, лучшие войдут во второй выпуск.\n\n"
            f"{TAGS_RU}"
        ),
        seeded=("T112",),
    ),
    SampleDraft(
        file="07-latyn-telegram-kk.md",
        network="telegram",
        channel="tg-main",
        kind="video",
        language="kk",
        story="latyn-alipbi",
        project="latin-alphabet",
        direction="competitiveness",
        media=("latyn-sabak.mp4",),
        seeded=("K202",),
        text=(
            "Жаңа лaтын әліпбиіндегі ä, ö, ü әріптерін қалай оқимыз? "
            "12 секундта түсіндіреміз! 🎬\n\n"
            f"{TAGS_KK}"
        ),
    ),
    SampleDraft(
        file="08-latyn-telegram-poll-ru.md",
        network="telegram",
        channel="tg-main",
        kind="poll",
        language="ru",
        story="latyn-alipbi-opros",
        project="latin-alphabet",
        text="Проверьте себя: как по-казахски на латинице пишется слово «бүгін»?",
        extra=(
            "[poll]",
            'question = "Как пишется «бүгін» на латинице?"',
            'options = ["bügin", "bugin", "bùgin"]',
        ),
    ),
)


def sample_week_monday(today: date) -> date:
    """The Monday of the week after `today`."""
    return today + timedelta(days=7 - today.weekday())


def write_sample_week(drafts_dir: Path, today: date) -> list[Path]:
    """Write the media and the drafts of the sample week; return the draft paths."""
    drafts_dir.mkdir(parents=True, exist_ok=True)
    media_dir = drafts_dir / "media"
    media_dir.mkdir(exist_ok=True)
    for item in MEDIA:
        target = media_dir / item.name
        if item.kind == "photo":
            make_photo(target, item.width, item.height, seed=item.seed, label=item.label)
        else:
            make_video(target, item.seconds, item.width, item.height)
    monday = sample_week_monday(today)
    paths = []
    for draft in DRAFTS:
        path = drafts_dir / draft.file
        path.write_text(_render(draft, monday), encoding="utf-8")
        paths.append(path)
    return paths


def _render(d: SampleDraft, monday: date) -> str:
    lines = [
        "+++",
        f"network = {toml_string(d.network)}",
        f"channel = {toml_string(d.channel)}",
        f"kind = {toml_string(d.kind)}",
        f"language = {toml_string(d.language)}",
        f"story = {toml_string(d.story)}",
    ]
    if d.direction:
        lines.append(f"direction = {toml_string(d.direction)}")
    if d.project:
        lines.append(f"project = {toml_string(d.project)}")
    if d.media:
        lines.append("media = [" + ", ".join(toml_string(f"media/{m}") for m in d.media) + "]")
    if d.alt:
        lines.append("alt = [" + ", ".join(toml_string(a) for a in d.alt) + "]")
    if d.day is not None and d.at is not None:
        when = datetime.combine(monday + timedelta(days=d.day), d.at)
        lines.append(f"scheduled = {when.isoformat(timespec='seconds')}  # office local time")
    else:
        lines.append("# no `scheduled`: the post takes the channel's next free slot")
    if d.seeded:
        lines.append(f"# seeded on purpose, for the demo: {', '.join(d.seeded)}")
    lines.extend(d.extra)
    lines.append("+++")
    return "\n".join(lines) + "\n" + d.text + "\n"
