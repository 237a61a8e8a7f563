"""T101 press-release, T102 official-document, T103 event-report: the genre detectors.

Each rule is a transparent weighted sum of signals (`linters.genre_signals`, table in
`linters/data/genre/signals.txt`): score = Σ weight × min(count, cap), and the rule fires when
the score reaches its `threshold` setting. The finding's message names the strongest signals with
the words that triggered them; its evidence lists every signal with its weight, count, cap,
contribution and spans, so that an editor can see why, and the desk can highlight them all.
Signals against the genre (the reader addressed directly, a question, emoji) have negative
weights and are listed too.

The signals were chosen by hand from RULES.md and from the calibration part's misses; their
weights and the thresholds were fitted on the calibration part of the labelled set only
(`benchmarks/genre_fit.py`: L2 logistic regression per rule, then the threshold at out-of-fold
precision ≥ 0.95, never below the largest single weight). The labelled set is 566 real kk and
ru texts gathered from public sources (kept outside the repository) plus the shipped
`linters/data/genre/dataset.jsonl`. Precision comes first: a false error blocks a good post.
Held-out figures are in BENCHMARKS.md.

One finding per post, with the span of the strongest signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from linters.findings import Finding, Severity
from linters.genre_signals import GenreScore, genre_scores
from linters.rule import Example, Rule, RuleDoc, RuleSettings
from linters.subject import Subject
from posts.i18n import Text

if TYPE_CHECKING:
    from linters.context import LintContext

SECTION = "«Әлеуметтік желілерде нені орналастырудың керегі жоқ» / «Что не стоит размещать в социальных сетях»"
QUOTE_KK = (
    "«Әлеуметтік желілерде нені орналастырудың керегі жоқ: · Журналистерге арналған баспасөз "
    "аңдатпалары, баспасөз релиздері, құрғақ мәтіндер; · Ресми құжаттар мәтіндері; · Есеп "
    "берулер;»"
)
QUOTE_RU = (
    "«Что не стоит размещать в социальных сетях: · Пресс-анонсы, пресс-релизы, сухие тексты "
    "предназначенные для журналистов; · Тексты официальных документов; · Отчеты;»"
)
WAIVE = Text(
    kk="Егер мәтін шынымен әлеуметтік желіге арналған болса (мысалы, ресми құжаттың өзін жариялау талап етілсе), редактор себебін көрсетіп, waiver жазады. Ережені бүкіл кеңсе үшін [lint] ignore арқылы өшіруге болады, бірақ бұл ұсынылмайды.",
    ru="Если текст действительно уместен в соцсети (например, публикация самого документа обязательна), редактор записывает waiver с причиной. Отключить правило для всего офиса можно через [lint] ignore, но это не рекомендуется.",
    en="If the text really belongs on the network (for example, publishing the document itself is required), an editor records a waiver with the reason. [lint] ignore turns the rule off for the whole office, which is not advised.",
)


class GenreSettings(RuleSettings):
    threshold: float = 7.0  # score at or above which the rule fires (calibrated)


class _GenreRule(Rule):
    severity = Severity.ERROR
    Settings: ClassVar[type[RuleSettings]] = GenreSettings

    def score(self, subject: Subject, ctx: LintContext) -> GenreScore:
        scores = ctx.memo(subject, "genre.scores", lambda: genre_scores(subject.text))
        return scores[self.code]

    def check(self, subject: Subject, ctx: LintContext) -> Iterable[Finding]:
        settings: GenreSettings = self.settings  # type: ignore[assignment]
        if not subject.text.strip():
            return
        result = self.score(subject, ctx)
        if result.score < settings.threshold:
            return
        positive = [h for h in result.hits if h.contribution > 0 and h.spans]
        strongest = max(positive, key=lambda h: h.contribution, default=None)
        span = strongest.spans[0] if strongest else None
        if span is not None and not (0 <= span[0] < span[1] <= len(subject.text)):
            span = None
        yield self.finding(
            span=span,
            score=f"{result.score:.1f}",
            threshold=f"{settings.threshold:.1f}",
            signals=result.summary(subject.text),
            evidence=result.evidence(subject.text, settings.threshold),
        )


class PressRelease(_GenreRule):
    code = "T101"
    name = "press-release"

    class Settings(GenreSettings):
        threshold: float = 5.05

    doc = RuleDoc(
        what=Text(
            kk="Баспасөз релизі, баспасөз хабарламасы немесе журналистерге арналған құрғақ мәтін. Белгілері: «баспасөз релизі», «БАҚ өкілдері», «аккредиттеу», байланыс блогы (телефон, e-mail, «баспасөз қызметі»), «Астана, 12 қараша –» сияқты датамен басталу, мекеменің үшінші жақтағы үні («... хабарлайды», «іс-шара өтеді», «өтетін орны»). Әр белгінің салмағы бар; ұпай шектен асса, ереже іске қосылады.",
            ru="Пресс-релиз, пресс-анонс или сухой текст для журналистов. Сигналы: «пресс-релиз», «для СМИ», «аккредитация журналистов», контактный блок (телефон, e-mail, «пресс-служба»), начало с даты и места («Астана, 12 ноября –»), безличный голос ведомства («... информирует», «мероприятие состоится», «место проведения»). У каждого сигнала свой вес; правило срабатывает, когда сумма достигает порога.",
            en="A press release, press announcement or dry text meant for journalists. Signals: press-release framing ('пресс-релиз', 'для СМИ', 'БАҚ өкілдері'), a contact block (phone, e-mail, press office), a dateline opening ('Астана, 12 ноября –'), the third-person voice of an institution ('... информирует', 'мероприятие состоится'). Each signal has a weight; the rule fires when the sum reaches the threshold.",
        ),
        why=Text(
            kk="Нұсқаулық әлеуметтік желілерде журналистерге арналған баспасөз аңдатпалары мен релиздерін жарияламауды сұрайды: оқырман оларды оқымайды, ал арнаның беделі түседі.",
            ru="Методичка прямо называет пресс-анонсы и пресс-релизы тем, что не стоит размещать в соцсетях: подписчик их не читает, а канал выглядит как доска объявлений ведомства.",
            en="The guide names press announcements and releases among the things not to post: followers do not read them, and the channel looks like a notice board.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Релизді БАҚ-қа жіберіңіз, ал желіге оқиғаның ең қызықты сәтін оқырманға тікелей жазыңыз: не болады, неге келу керек, сұрақ қойыңыз. Байланыс телефондары мен аккредиттеуді алып тастаңыз.",
            ru="Релиз отправьте в СМИ, а в соцсеть напишите самое интересное для подписчика: что будет, зачем приходить, задайте вопрос. Уберите контакты для прессы и аккредитацию.",
            en="Send the release to the media; for the network, write what is interesting for a follower: what will happen, why come, ask a question. Drop the press contacts and accreditation.",
        ),
        waive=WAIVE,
    )
    message = Text(
        kk="Мәтін баспасөз релизі сияқты (ұпай {score}, шегі {threshold}): {signals}. Желіге оқырманға арналған тірі мәтін жазыңыз.",
        ru="Текст похож на пресс-релиз (балл {score}, порог {threshold}): {signals}. Для соцсети напишите живой текст для подписчика.",
        en="The text reads as a press release (score {score}, threshold {threshold}): {signals}. Write a lively text for followers instead.",
    )
    must_flag = (
        Example(
            "Астана, 12 қараша – «Рухани жаңғыру» жобалық кеңсесі 15 қарашада «Туған жер» форумы өтетінін хабарлайды. Іс-шара Конгресс-орталықта өткізіледі. БАҚ өкілдерін аккредиттеу 14 қарашаға дейін. Байланыс телефоны: +7 (7172) 55-12-34.",
            language="kk",
        ),
        Example(
            "ПРЕСС-РЕЛИЗ\nУправление культуры информирует, что 20 марта в библиотеке состоится презентация сборника «Сакральные места». Приглашаем представителей СМИ. Справки по телефону: 8 (7212) 41-22-10.",
            language="ru",
        ),
        Example(
            "Шымкент, 5 апреля – Акимат города проводит конкурс «100 новых лиц». Мероприятие пройдет в Доме дружбы. Аккредитация журналистов до 4 апреля. Пресс-служба акимата: press@shymkent.gov.kz.",
            language="ru",
        ),
    )
    must_pass = (
        Example(
            "Сенбіде орталық саябақта «Кітап фест» өтеді! 📚\n\nЖергілікті ақындармен кездесу, балаларға арналған оқу бұрышы және кітап алмасу сөресі — бәрі тегін. Өзіңіз оқып шыққан кітапты ала келіңіз, басқасына айырбастаңыз.\n\n#руханижаңғыру #болашаққабағдар",
            language="kk",
            kind="announcement",
            note="sample week: an announcement for followers",
        ),
        Example(
            "Какую книгу вы бы отдали другу, чтобы он обязательно её прочитал? 📖\n\nВ субботу в центральном парке — «Кітап фест»: обмен книгами, встречи с поэтами и уголок чтения для детей. Приходите с любимой книгой.",
            language="ru",
            note="sample week style",
        ),
        Example(
            "Журналистика мамандығын таңдаған студенттер бүгін редакцияда бір күн өткізді. Ал сіз бала кезде кім болғыңыз келді?",
            language="kk",
            note="mentions journalists, but speaks to the reader",
        ),
    )


class OfficialDocument(_GenreRule):
    code = "T102"
    name = "official-document"

    class Settings(GenreSettings):
        threshold: float = 2.3

    doc = RuleDoc(
        what=Text(
            kk="Ресми құжаттың мәтіні: бұйрық, қаулы, жоспар, тұжырымдама. Белгілері: нөмірленген тармақтар («1)», «п. 3», «· »), құқықтық сілтемелер («ҚР Заңы», «№», «бұйрық», «қаулы»), «Өзектілігі», «Мақсаты», «Міндеттері», «Индикаторлар» тақырыптары, «болып табылады», «іске асыру» сияқты тіркестер және атаулы тізбектердің тығыздығы.",
            ru="Текст официального документа: указ, приказ, план, концепция. Сигналы: нумерованные пункты («1)», «п. 3», «· »), ссылки на акты («Закон РК», «№», «постановление»), заголовки «Актуальность», «Цель», «Задачи», «Индикаторы», обороты «является», «реализация», «в целях» и высокая плотность отглагольных существительных.",
            en="The text of an official document: a decree, order, plan or concept paper. Signals: numbered clauses ('1)', 'п. 3', '· '), legal references ('Закон РК', 'ҚР Заңы', '№', 'бұйрық'), headings such as 'Өзектілігі'/'Актуальность', 'Мақсаты', 'Міндеттері', 'Индикаторы', official phrases, and a high density of nominal chains.",
        ),
        why=Text(
            kk="Нұсқаулық ресми құжаттар мәтіндерін әлеуметтік желілерге орналастырмауды сұрайды: желідегі мәтін еркін әрі ақпараттық-танымдық болуы тиіс.",
            ru="Методичка относит тексты официальных документов к тому, что не стоит размещать в соцсетях: текст для соцсетей должен быть свободным и информационно-познавательным.",
            en="The guide lists the texts of official documents among the things not to post: a social text should be free in style and informative.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Құжаттың адамдар үшін не өзгертетінін бір-екі сөйлеммен айтыңыз, бір нақты мысал келтіріңіз және толық мәтінге сілтеме беріңіз.",
            ru="Расскажите в двух-трёх предложениях, что документ меняет для людей, приведите один живой пример и дайте ссылку на полный текст.",
            en="Say in two or three sentences what the document changes for people, give one concrete example, and link to the full text.",
        ),
        waive=WAIVE,
    )
    message = Text(
        kk="Мәтін ресми құжат сияқты (ұпай {score}, шегі {threshold}): {signals}. Құжаттың мәнін қарапайым тілмен айтып, толық мәтінге сілтеме беріңіз.",
        ru="Текст похож на официальный документ (балл {score}, порог {threshold}): {signals}. Перескажите суть простым языком и дайте ссылку на документ.",
        en="The text reads as an official document (score {score}, threshold {threshold}): {signals}. Retell the point in plain words and link to the document.",
    )
    must_flag = (
        Example(
            "Өзектілігі.\nТиімді тұтыну – қазіргі әлемде қоғам дамуының ажырамас бөлігі болып табылады.\nЖобаның мақсаты – прагматикалық өмір салтын қазақстандықтардың құндылықтық бағдарлары жүйесіне енгізу.\nМіндеттері:\n1) прагматизм ұғымы туралы түсінікті кеңейту;\n2) даму қажеттілігін түсінуді қалыптастыру;\n3) мінез-құлық трендтерін қалыптастыру.",
            language="kk",
            note="the concept paper of «Үнем – қоғам қуаты» (seed 000)",
        ),
        Example(
            "Актуальность\nРеализация проекта направлена на обеспечение сохранения культурного наследия в соответствии с Законом РК «О культуре».\nЦель проекта – формирование у населения бережного отношения к истории.\nЗадачи:\n1) проведение инвентаризации объектов;\n2) обеспечение информационного сопровождения;\n3) осуществление мониторинга.\nИндикаторы: доля населения, посетившего объекты.",
            language="ru",
        ),
    )
    must_pass = (
        Example(
            "Школьники из Сайрама неделю записывали истории старожилов о родном ауле. Самая неожиданная — о роднике, который местные называют «Ата бұлақ».\n\nПолную историю расскажем в четверг. А какие легенды знаете вы?\n\n#руханижаңғыру #взглядвбудущее",
            language="ru",
            note="sample week",
        ),
        Example(
            "Оқитын ұлт — болашағы жарқын ұлт. Осы ойды іске асыру үшін сенбі күні орталық саябақта «Кітап фест» ұйымдастырамыз.\n\nФестивальде жас ақындар өз өлеңдерін оқиды, ал балалар үшін ертегі сағаты болады. Отбасыңызбен келіңіз!\n\n#руханижаңғыру #болашаққабағдар",
            language="kk",
            note="sample week",
        ),
        Example(
            "Күн сұрағы: «тұмар» сөзі нені білдіреді?\n1) әшекей\n2) бойтұмар\n3) музыкалық аспап\nЖауабын пікірде жазыңыз!",
            language="kk",
            note="a numbered quiz is not a document",
        ),
    )


class EventReport(_GenreRule):
    code = "T103"
    name = "event-report"

    class Settings(GenreSettings):
        threshold: float = 6.65

    doc = RuleDoc(
        what=Text(
            kk="Есеп беру мәтіні: «отырыс өтті», «дөңгелек үстел өтті», «... қатысты», «атап өтілді», «баса назар аударды», лауазымдары көрсетілген шенеуніктер тізімі, қатысушылар саны («40-тан астам адам қатысты»).",
            ru="Текст-отчёт: «состоялось заседание», «прошёл круглый стол», «приняли участие», «было отмечено», «подчеркнул», списки должностных лиц с должностями, число участников («более 40 человек»).",
            en="A report: 'состоялось заседание', 'прошёл круглый стол', 'приняли участие', 'было отмечено', 'отырыс өтті', 'қатысты', 'атап өтілді', lists of officials with their titles, counts of participants.",
        ),
        why=Text(
            kk="Нұсқаулық есеп берулерді әлеуметтік желілерге орналастырмауды сұрайды: оқырманға кім қатысқаны емес, оған не қызық екені маңызды.",
            ru="Методичка относит отчёты к тому, что не стоит размещать в соцсетях: подписчику важно не кто присутствовал, а что интересного для него произошло.",
            en="The guide lists reports among the things not to post: followers care about what was interesting for them, not who attended.",
        ),
        section=SECTION,
        quote_kk=QUOTE_KK,
        quote_ru=QUOTE_RU,
        instead=Text(
            kk="Іс-шараның бір қызықты сәтін, бір кейіпкерін немесе бір нәтижесін оқырманға тікелей айтыңыз; лауазымдар тізімін алып тастаңыз.",
            ru="Расскажите об одном интересном моменте, герое или результате события, обращаясь к подписчику; уберите перечень должностей.",
            en="Tell one interesting moment, person or result of the event, speaking to the follower; drop the list of officials.",
        ),
        waive=WAIVE,
    )
    message = Text(
        kk="Мәтін іс-шара туралы есеп сияқты (ұпай {score}, шегі {threshold}): {signals}. Оқырманға қызық бір сәтті айтыңыз.",
        ru="Текст похож на отчёт о мероприятии (балл {score}, порог {threshold}): {signals}. Расскажите подписчику один интересный момент.",
        en="The text reads as an event report (score {score}, threshold {threshold}): {signals}. Tell followers one interesting moment instead.",
    )
    must_flag = (
        Example(
            "Облыстық кітапханада дөңгелек үстел өтті. Іс-шараға 40-тан астам адам қатысты: ҮЕҰ өкілдері, ЖОО оқытушылары, мәслихат депутаттары. Сөз сөйлегендер жастарды тәрбиелеудің маңыздылығын атап өтті. Қорытындысы бойынша ұсыныстар қабылданды.",
            language="kk",
        ),
        Example(
            "В Доме дружбы состоялось заседание проектного офиса. В работе заседания приняли участие заместитель акима области и руководитель управления внутренней политики. В ходе заседания было отмечено, что план выполнен на 87 процентов.",
            language="ru",
        ),
    )
    must_pass = (
        Example(
            "Вчера на «Кітап фест» пришли почти триста человек, а полка обмена опустела за час 📚 Самой популярной книгой оказался «Путь Абая». Спасибо всем, кто принёс свои книги!",
            language="ru",
            note="a past event told for followers",
        ),
        Example(
            "Бүгін саябақта «Ағаш отырғыз» акциясы өтті. Керемет болды: балалы отбасылар 150 көшет отырғызды! Келесі отырғызу — көктемде, өткізіп алмаңыз.",
            language="kk",
        ),
        Example(
            "Латын әліпбиіндегі «ң» әрпін қалай жазасыз? Қысқа бейнесабақты көріңіз де, сауалнамаға дауыс беріңіз.",
            language="kk",
            note="sample week style",
        ),
    )


RULES: tuple[type[Rule], ...] = (PressRelease, OfficialDocument, EventReport)
