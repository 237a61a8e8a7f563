"""T104 media-reprint and T105 cross-network-duplicate.

Both measure the Jaccard similarity of 5-word shingles (`linters.similarity`: normalisation, what
is compared, and how T104 stays fast against 100,000 articles).

Decisions an editor may want to know:

- URLs, @mentions and #hashtags are left out of both comparisons: every post carries the
  programme's hashtags, and they say nothing about whether the text was copied.
- T104 compares the whole post with each article of the reprint corpus (its title, then its
  text). The corpus is what the office adds with `arna corpus add` (files, or RSS feeds of its own
  site and of regional media); with no corpus the rule has nothing to compare and stays silent.
  One finding names the most similar article; up to three more are listed in the evidence.
  The measure is Jaccard, as RULES.md says, so a post that copies one paragraph of a long article
  scores low: T104 catches a reprint of the article, not a quotation from it.
- T105 leaves out each post's first sentence: «a shared first sentence is fine; the same body is
  not». A joint opening line («Құрметті оқырмандар!», the event's name and date) may read the same
  on every network. The first sentence ends at the first «.», «!», «?» or «…» followed by a space,
  or at the first line break.
- T105 compares a post with the other variants of its story for other networks (linted together:
  the drafts of one folder, or the queue) and with the posts published on the office's other
  networks in the last `window_days` (14) days. Variants for the same network (two Telegram
  channels, say) are not compared: that is one network's business.
- Texts with fewer than `min_shingles` (10) shingles, about 14 words, are not judged by either
  rule: short texts share 5-word runs by chance (names of events, programme slogans). For T105 it
  is the body after the first sentence that must be that long, in both posts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import Field

from linters.context import CorpusEntry, PublishedPost
from linters.findings import Finding, Severity
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.similarity import Comparable, ReprintIndex, comparable, jaccard, percent
from linters.subject import Subject
from posts.i18n import Text

if TYPE_CHECKING:
    from linters.context import LintContext

SECTION = (
    "«Әлеуметтік желілерде нені орналастырудың керегі жоқ» / "
    "«Что не стоит размещать в социальных сетях»; «Әлеуметтік желілерде жариялау үшін маңызды "
    "қағида» / «Важное правило для публикации в социальных сетях»"
)
REPRINT_KK = "«БАҚ-та шығарған материалдарды қайта басып шығару»"
REPRINT_RU = "«Перепечатки вышедших материалов в СМИ»"
UNIQUE_KK = (
    "«Әр әлеуметтік желінің (Facebook, Instagram,VK, Mail,ru, Twitter және басқалар) өздеріне "
    "арнайы арналып әзірленген және интернет-ресурс пен БАҚ материалдарының қайталамасы болып "
    "табылмайтын бірегей контенті болуы тиіс»"
)
UNIQUE_RU = (
    "«Каждая социальная сеть (Facebook, Instagram, VK, Mail,ru, Twitter и др.) должна иметь свой "
    "уникальный контент, разработанный специально для них, и не являющаяся повторением материалов "
    "интернет-ресурсов и СМИ»"
)
NETWORK_NAMES = {
    "telegram": "Telegram",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "vk": "VK",
    "ok": "Одноклассники",
    "x": "X",
    "youtube": "YouTube",
    "outbox": "outbox",
}


def network_name(network: str) -> str:
    return NETWORK_NAMES.get(network, network)


# --- examples -----------------------------------------------------------------------------------------

ARTICLE_KK = CorpusEntry(
    id=1,
    title="Түркістанда облыстық кітап фестивалі өтті",
    url="https://ontustik.example.kz/news/kitap-festivali",
    text=(
        "Түркістан қаласында «Рухани жаңғыру» бағдарламасы аясында облыстық кітап фестивалі "
        "өтті. Фестивальге жас ақындар, жазушылар және мыңнан астам оқырман келді. Қонақтар жаңа "
        "кітаптардың тұсаукесеріне қатысып, авторлармен еркін әңгімелесті. Балаларға арналған "
        "алаңда ертегі оқу сағаттары мен сурет салу сабақтары ұйымдастырылды. Фестиваль соңында "
        "облыстық кітапханаға екі мың кітап сыйға тартылды. Ұйымдастырушылардың айтуынша, "
        "фестиваль келесі жылы да жалғасын табады."
    ),
)
ARTICLE_RU = CorpusEntry(
    id=2,
    title="В Туркестане прошёл областной книжный фестиваль",
    url="https://turkestan-news.example.kz/2026/11/knizhnyj-festival",
    text=(
        "В Туркестане в рамках программы «Рухани жаңғыру» прошёл областной книжный фестиваль. "
        "На праздник пришли молодые поэты, писатели и больше тысячи читателей. Гости побывали на "
        "презентациях новых книг и свободно пообщались с авторами. На детской площадке прошли "
        "часы чтения сказок и уроки рисования. В конце фестиваля областной библиотеке подарили "
        "две тысячи книг. По словам организаторов, фестиваль продолжится и в следующем году."
    ),
)

BODY_KK = (
    "Жас ақындар өз өлеңдерін оқып, оқырмандармен кітап туралы ашық әңгімелесті. Балаларға "
    "арналған алаңда ертегі оқу сағаттары мен сурет салу сабақтары болды. Фестиваль соңында "
    "облыстық кітапханаға екі мың кітап сыйға тартылды."
)
BODY_RU = (
    "Молодые поэты читали свои стихи и открыто говорили с читателями о книгах. На детской "
    "площадке прошли часы чтения сказок и уроки рисования. В конце фестиваля областной "
    "библиотеке подарили две тысячи книг."
)
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


class ReprintSettings(RuleSettings):
    threshold: float = Field(default=0.6, gt=0.0, le=1.0)
    min_shingles: int = Field(default=10, ge=1)


class MediaReprint(Rule):
    code = "T104"
    name = "media-reprint"
    severity = Severity.ERROR
    Settings = ReprintSettings
    doc = RuleDoc(
        what=Text(
            kk="Сайтта немесе БАҚ-та жарияланған материалды қайта басу: жарияланым мәтінінің "
            "5 сөздік тізбектерінің кемінде 0,6 бөлігі (Жаккар) корпустағы мақаламен сәйкес келеді.",
            ru="Перепечатка материала, уже вышедшего на сайте или в СМИ: текст поста совпадает со "
            "статьёй из корпуса по 5-словным фрагментам с коэффициентом Жаккара не ниже 0,6.",
            en="A reprint of material already published on a website or in the media: the post "
            "shares at least 0.6 of its 5-word shingles (Jaccard) with an article of the corpus.",
        ),
        why=Text(
            kk="Нұсқаулық БАҚ-та шыққан материалдарды әлеуметтік желіде қайта басуды тізімге "
            "енгізбейді: желіге өз тілімен жазылған, оның аудиториясына арналған мәтін керек.",
            ru="Методичка прямо относит перепечатки вышедших в СМИ материалов к тому, что не стоит "
            "размещать: соцсетям нужен свой текст, написанный для их аудитории.",
            en="The guide lists reprints of material already out in the media among the things "
            "not to post: a network needs its own text, written for its audience.",
        ),
        section=SECTION,
        quote_kk=REPRINT_KK,
        quote_ru=REPRINT_RU,
        instead=Text(
            kk="Мақаланы қайталамай, желі оқырманына арнап өз сөзіңізбен қысқаша жазыңыз: бір "
            "қызықты дерек, сурет, сұрақ; толық мәтінге сілтеме беріңіз.",
            ru="Не пересказывайте статью её же словами: напишите коротко и своими словами для "
            "читателей этой сети (одна яркая деталь, фото, вопрос) и дайте ссылку на полный текст.",
            en="Do not repeat the article: write briefly, in your own words, for this network's "
            "readers (one vivid detail, a photo, a question), and link to the full text.",
        ),
        waive=Text(
            kk="Мәтінді сөзбе-сөз жариялау міндетті болса (ресми үндеу, түзету), редактор себебін "
            "жазып рұқсат береді.",
            ru="Если текст обязательно публикуется дословно (официальное обращение, опровержение), "
            "редактор разрешает исключение с указанием причины.",
            en="When the text must be published word for word (an official address, a "
            "correction), an editor waives the finding with the reason.",
        ),
    )
    message = Text(
        kk="Жарияланым бұрын шыққан «{title}» мақаласын қайталайды ({url}): ұқсастығы {similarity}%.",
        ru="Пост повторяет уже вышедшую статью «{title}» ({url}): сходство {similarity}%.",
        en="The post repeats an article already published, «{title}» ({url}): {similarity}% similar.",
    )
    must_flag = (
        Example(
            ARTICLE_KK.text + "\n\n#руханижаңғыру #болашаққабағдар",
            language="kk",
            corpus=(ARTICLE_KK, ARTICLE_RU),
            note="the article word for word, with the hashtags added",
        ),
        Example(
            "В Туркестане прошёл областной книжный фестиваль! На праздник пришли молодые поэты, "
            "писатели и больше тысячи читателей. Гости побывали на презентациях новых книг и "
            "свободно пообщались с авторами. На детской площадке прошли часы чтения сказок и "
            "уроки рисования. В конце фестиваля областной библиотеке подарили две тысячи книг.\n"
            "#руханижаңғыру #взглядвбудущее",
            language="ru",
            corpus=(ARTICLE_KK, ARTICLE_RU),
            note="the article's title and most of its text",
        ),
        Example(
            "Түркістанда облыстық кітап фестивалі өтті. Түркістан қаласында «Рухани жаңғыру» "
            "бағдарламасы аясында облыстық кітап фестивалі өтті. Фестивальге жас ақындар, "
            "жазушылар және мыңнан астам оқырман келді. Қонақтар жаңа кітаптардың тұсаукесеріне "
            "қатысып, авторлармен еркін әңгімелесті. Балаларға арналған алаңда ертегі оқу "
            "сағаттары мен сурет салу сабақтары ұйымдастырылды.",
            language="kk",
            network="facebook",
            corpus=(ARTICLE_KK,),
            note="the title and the first paragraphs",
        ),
    )
    must_pass = (
        Example(
            "Кітап фестивалінде ең ұзын кезек қайда болды деп ойлайсыз? Балалар алаңында! "
            "Кішкентай оқырмандар ертегі тыңдап, кейіпкерлердің суретін салды, ал жас ақындар "
            "өлеңдерін дәл сол жерде оқыды. Сіз балаңызбен қандай кітап оқисыз? Пікірде жазыңыз.\n"
            "#руханижаңғыру #болашаққабағдар",
            language="kk",
            corpus=(ARTICLE_KK, ARTICLE_RU),
            note="the same event, in the post's own words",
        ),
        Example(
            "Где на книжном фестивале была самая длинная очередь? На детской площадке! Малыши "
            "слушали сказки и рисовали любимых героев, а молодые поэты читали стихи прямо среди "
            "гостей. Какую книгу вы читаете с детьми? Расскажите в комментариях.\n"
            "#руханижаңғыру #взглядвбудущее",
            language="ru",
            corpus=(ARTICLE_KK, ARTICLE_RU),
            note="the same event, in the post's own words",
        ),
        Example(
            "Фестиваль итогтары: облыстық кітапханаға екі мың кітап сыйға тартылды. Ал сіз "
            "кітапханаға соңғы рет қашан бардыңыз? Біз келесі аптада оқу залынан тікелей эфир "
            "жасаймыз, сұрақтарыңызды қазірден жазыңыз.",
            language="kk",
            corpus=(ARTICLE_KK,),
            note="one fact from the article, the rest is new",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        if ctx.corpus is None:
            return
        settings: ReprintSettings = self.settings  # type: ignore[assignment]
        corpus = ctx.corpus
        index = ctx.resources.get(
            f"reprint-index:{settings.threshold}",
            lambda: ReprintIndex(corpus, settings.threshold),
        )
        if not len(index):
            return
        post = ctx.memo(subject, "similarity:whole", lambda: comparable(subject.text))
        if len(post.shingles) < settings.min_shingles or post.span is None:
            return
        matches = index.matches(post.shingles)
        if not matches:
            return
        best, score = matches[0]
        yield self.finding(
            span=post.span,
            title=best.title or best.url,
            url=best.url,
            similarity=percent(score),
            evidence={
                "title": best.title,
                "url": best.url,
                "published_at": best.published_at.isoformat() if best.published_at else None,
                "similarity": round(score, 3),
                "threshold": settings.threshold,
                "post_shingles": len(post.shingles),
                "also": [
                    {"title": e.title, "url": e.url, "similarity": round(s, 3)}
                    for e, s in matches[1:4]
                ],
            },
        )


# --- T105 ------------------------------------------------------------------------------------------------


class DuplicateSettings(RuleSettings):
    threshold: float = Field(default=0.8, gt=0.0, le=1.0)
    min_shingles: int = Field(default=10, ge=1)
    window_days: int = Field(default=14, ge=0, le=365)


PUBLISHED_MESSAGE = Text(
    kk="Жарияланымның негізгі мәтіні {date} күні {network} желісінде шыққан жарияланымды "
    "қайталайды (ұқсастығы {similarity}%): әр желіге өз мәтіні керек.",
    ru="Основной текст поста повторяет пост, вышедший в {network} {date} (сходство "
    "{similarity}%): для каждой сети нужен свой текст.",
    en="The body of this post repeats a post published on {network} on {date} ({similarity}% "
    "similar): each network needs its own text.",
)


class CrossNetworkDuplicate(Rule):
    code = "T105"
    name = "cross-network-duplicate"
    severity = Severity.ERROR
    Settings = DuplicateSettings
    doc = RuleDoc(
        what=Text(
            kk="Бір сюжеттің әр желіге арналған екі нұсқасының, немесе осы жарияланым мен соңғы "
            "14 күнде басқа желіде шыққан жарияланымның негізгі мәтіндері 0,8-ден көп сәйкес келеді "
            "(T104-тегі өлшеммен). Бірінші сөйлем мен хэштегтер есепке алынбайды.",
            ru="Два варианта одной истории для разных сетей, или этот пост и пост, вышедший в "
            "другой сети за последние 14 дней, совпадают по основному тексту на 0,8 и больше (та "
            "же мера, что в T104). Первое предложение и хэштеги не сравниваются.",
            en="Two variants of one story for different networks, or this post and a post "
            "published on another network in the last 14 days, have bodies at least 0.8 similar "
            "(the measure of T104). The first sentence and hashtags are left out.",
        ),
        why=Text(
            kk="Нұсқаулықтың маңызды қағидасы: әр әлеуметтік желінің өзіне арнап әзірленген "
            "бірегей контенті болуы тиіс. Ортақ бірінші сөйлем — қалыпты, бірдей негізгі мәтін — жоқ.",
            ru="Важное правило методички: у каждой соцсети должен быть свой уникальный контент, "
            "разработанный специально для неё. Общее первое предложение — нормально, одинаковый "
            "основной текст — нет.",
            en="The guide's important rule: each network must have its own content, made for it. "
            "A shared first sentence is fine; the same body is not.",
        ),
        section=SECTION,
        quote_kk=UNIQUE_KK,
        quote_ru=UNIQUE_RU,
        instead=Text(
            kk="Әр желіге өз нұсқасын жазыңыз: Telegram-да қысқа әрі жанды, Instagram-да суреттен "
            "бастаңыз, Facebook-та сәл толығырақ айтыңыз.",
            ru="Напишите свой вариант для каждой сети: в Telegram коротко и живо, в Instagram "
            "начните с фотографии, в Facebook расскажите чуть подробнее.",
            en="Write each network its own variant: short and lively for Telegram, lead with the "
            "picture on Instagram, tell a little more on Facebook.",
        ),
        waive=Text(
            kk="Барлық желіде бірдей оқылуы тиіс бірлескен хабарландыру болса, редактор себебін "
            "жазып рұқсат береді.",
            ru="Если это совместное объявление, которое должно читаться везде одинаково, редактор "
            "разрешает исключение с указанием причины.",
            en="For a joint announcement that must read the same everywhere, an editor waives it "
            "with the reason.",
        ),
    )
    message = Text(
        kk="Жарияланымның негізгі мәтіні осы сюжеттің {network} нұсқасын қайталайды (ұқсастығы "
        "{similarity}%): әр желіге өз мәтіні керек.",
        ru="Основной текст поста повторяет вариант этой истории для {network} (сходство "
        "{similarity}%): для каждой сети нужен свой текст.",
        en="The body of this post repeats the {network} variant of the same story ({similarity}% "
        "similar): each network needs its own text.",
    )
    must_flag = (
        Example(
            "Түркістандағы кітап фестивалінен жаңалық! " + BODY_KK,
            language="kk",
            siblings=(
                Example(
                    "Кітап фестивалінің ең жарқын сәттері 📚\n" + BODY_KK + "\n#руханижаңғыру",
                    network="instagram",
                    language="kk",
                ),
            ),
            note="another opening sentence, the same body as the Instagram variant",
        ),
        Example(
            "Книжный фестиваль в Туркестане: как это было. " + BODY_RU,
            language="ru",
            network="vk",
            published=(
                PublishedPost(
                    post_id=41,
                    network="facebook",
                    text="Вспоминаем книжный фестиваль! " + BODY_RU + "\n#взглядвбудущее",
                    published_at=WHEN,
                ),
            ),
            note="the same body as a post published on Facebook last week",
        ),
        Example(
            "Кітап фестивалі туралы. " + BODY_KK,
            language="kk",
            network="facebook",
            siblings=(Example("Фестиваль! " + BODY_KK, network="telegram", language="kk"),),
        ),
    )
    must_pass = (
        Example(
            "Түркістандағы кітап фестивалінен жаңалық! Жас ақындар кітап туралы әңгімелеп, "
            "оқырмандармен бірге өлең оқыды. Ертең таңертең фестивальдің ең қызықты сәттерінен "
            "қысқа бейнеролик жариялаймыз, арнаны қадағалаңыз.",
            language="kk",
            siblings=(
                Example(
                    "Түркістандағы кітап фестивалінен жаңалық! Суреттерді парақтап көріңіз: "
                    "балалар алаңы, ертегі сағаты және авторлармен кездесу. Қай сурет ұнады? "
                    "Пікірде жазыңыз.\n#руханижаңғыру #болашаққабағдар",
                    network="instagram",
                    language="kk",
                ),
            ),
            note="a shared first sentence, different bodies",
        ),
        Example(
            "Книжный фестиваль в Туркестане: как это было. " + BODY_RU,
            language="ru",
            network="vk",
            siblings=(
                Example(
                    "Книжный фестиваль в Туркестане: как это было. Листайте карусель: детская "
                    "площадка, час сказок и встреча с авторами. Какое фото вам нравится больше? "
                    "Напишите в комментариях.\n#руханижаңғыру #взглядвбудущее",
                    network="instagram",
                    language="ru",
                ),
            ),
            published=(
                PublishedPost(
                    post_id=42,
                    network="vk",
                    text="Вспоминаем книжный фестиваль! " + BODY_RU,
                    published_at=WHEN,
                ),
            ),
            note="the same body was published on the same network (VK): not this rule's business",
        ),
        Example(
            "Фестиваль бүгін! Келіңіздер, күтеміз.",
            language="kk",
            siblings=(
                Example("Фестиваль бүгін! Келіңіздер, күтеміз.", network="vk", language="kk"),
            ),
            note="too short to judge",
        ),
    )

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: DuplicateSettings = self.settings  # type: ignore[assignment]
        siblings = [s for s in ctx.siblings if s.network != subject.network and s is not subject]
        recent: list[tuple[PublishedPost, Comparable]] = []
        if ctx.published is not None and settings.window_days > 0:
            published = ctx.published
            recent = ctx.resources.get(
                f"published-bodies:{settings.window_days}",
                lambda: _published_bodies(published.published_within(settings.window_days)),
            )
            recent = [
                (p, c)
                for p, c in recent
                if p.network != subject.network
                and (subject.post_id is None or p.post_id != subject.post_id)
            ]
        if not siblings and not recent:
            return  # nothing to compare with: the post's text is not even read
        body = ctx.memo(subject, "similarity:body", lambda: _body(subject.text))
        if len(body.shingles) < settings.min_shingles or body.span is None:
            return
        seen_posts: set[int] = set()
        for sibling in siblings:
            other = ctx.memo(sibling, "similarity:body", lambda s=sibling: _body(s.text))
            score = self._score(body, other)
            if score is None:
                continue
            if sibling.post_id is not None:
                seen_posts.add(sibling.post_id)
            yield self.finding(
                span=body.span,
                network=network_name(sibling.network),
                similarity=percent(score),
                evidence={
                    "compared_with": "variant",
                    "network": sibling.network,
                    "channel": sibling.channel,
                    "path": sibling.path,
                    "post_id": sibling.post_id,
                    "similarity": round(score, 3),
                    "threshold": settings.threshold,
                },
            )
        for post, other in recent:
            if post.post_id is not None and post.post_id in seen_posts:
                continue
            score = self._score(body, other)
            if score is None:
                continue
            yield self.finding(
                message=PUBLISHED_MESSAGE,
                span=body.span,
                network=network_name(post.network),
                similarity=percent(score),
                date=post.published_at.date().isoformat(),
                evidence={
                    "compared_with": "published",
                    "network": post.network,
                    "channel": post.channel,
                    "post_id": post.post_id,
                    "url": post.url,
                    "published_at": post.published_at.isoformat(),
                    "similarity": round(score, 3),
                    "threshold": settings.threshold,
                },
            )

    def _score(self, body: Comparable, other: Comparable) -> float | None:
        settings: DuplicateSettings = self.settings  # type: ignore[assignment]
        if len(other.shingles) < settings.min_shingles:
            return None
        score = jaccard(body.shingles, other.shingles)
        return score if score >= settings.threshold else None


def _body(text: str) -> Comparable:
    return comparable(text, skip_first_sentence=True)


def _published_bodies(posts: Sequence[PublishedPost]) -> list[tuple[PublishedPost, Comparable]]:
    return [(p, _body(p.text)) for p in posts]


RULES: tuple[type[Rule], ...] = (MediaReprint, CrossNetworkDuplicate)
