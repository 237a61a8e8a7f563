"""Every word the desk shows, in Kazakh, Russian and English."""

from __future__ import annotations

from posts.i18n import Text

S: dict[str, Text] = {
    "title": Text(kk="Arna — редакция үстелі", ru="Arna — стол редакции", en="Arna — the desk"),
    "signin": Text(kk="Кіру", ru="Вход", en="Sign in"),
    "signout": Text(kk="Шығу", ru="Выйти", en="Sign out"),
    "login": Text(kk="Логин", ru="Логин", en="Login"),
    "password": Text(kk="Құпиясөз", ru="Пароль", en="Password"),
    "bad_signin": Text(
        kk="Логин немесе құпиясөз қате.",
        ru="Неверный логин или пароль.",
        en="Wrong login or password.",
    ),
    "throttled": Text(
        kk="Тым көп сәтсіз әрекет. 15 минуттан кейін қайталаңыз.",
        ru="Слишком много неудачных попыток. Повторите через 15 минут.",
        en="Too many failed tries. Try again in 15 minutes.",
    ),
    "review": Text(kk="Тексеруге", ru="На проверку", en="Review"),
    "nothing": Text(
        kk="Тексеруді күтіп тұрған жарияланым жоқ.",
        ru="Нет публикаций, ждущих проверки.",
        en="No post is waiting for review.",
    ),
    "post": Text(kk="Жарияланым", ru="Публикация", en="Post"),
    "status": Text(kk="Күйі", ru="Статус", en="Status"),
    "channel": Text(kk="Арна", ru="Канал", en="Channel"),
    "when": Text(kk="Уақыты", ru="Время", en="When"),
    "author": Text(kk="Авторы", ru="Автор", en="Author"),
    "findings": Text(kk="Тексеру нәтижесі", ru="Результаты проверки", en="Lint findings"),
    "clean": Text(kk="Ескерту жоқ.", ru="Замечаний нет.", en="No findings."),
    "waived": Text(kk="рұқсат етілген", ru="разрешено", en="waived"),
    "history": Text(kk="Тарихы", ru="История", en="History"),
    "approve": Text(kk="Бекіту", ru="Одобрить", en="Approve"),
    "reject": Text(kk="Қайтару", ru="Вернуть", en="Reject"),
    "reason": Text(kk="Себебі", ru="Причина", en="Reason"),
    "own_post": Text(
        kk="Бұл сіздің жарияланымыңыз: оны басқа редактор бекітеді.",
        ru="Это ваша публикация: её одобряет другой редактор.",
        en="This is your post: another editor approves it.",
    ),
    "approved": Text(kk="#{id} бекітілді.", ru="#{id} одобрен.", en="#{id} approved."),
    "rejected": Text(
        kk="#{id} авторына қайтарылды.",
        ru="#{id} возвращён автору.",
        en="#{id} returned to its author.",
    ),
    "forbidden": Text(
        kk="Бұл әрекетке құқығыңыз жоқ.",
        ru="У вас нет прав на это действие.",
        en="You may not do this.",
    ),
    "not_found": Text(kk="Табылмады.", ru="Не найдено.", en="Not found."),
    "bad_csrf": Text(
        kk="Форманың мерзімі өтті немесе ол басқа беттен келді. Бетті жаңартып, қайталаңыз.",
        ru="Форма устарела или пришла с другой страницы. Обновите страницу и повторите.",
        en="The form expired or came from another page. Reload the page and try again.",
    ),
    "need_reason": Text(
        kk="Қайтару себебін жазыңыз.",
        ru="Укажите причину возврата.",
        en="Say why you return it.",
    ),
    "text": Text(kk="Мәтін", ru="Текст", en="Text"),
    "length": Text(kk="Ұзындығы", ru="Длина", en="Length"),
    "preview": Text(kk="Желіде қалай көрінеді", ru="Как будет выглядеть", en="How it will look"),
    "week": Text(kk="Апта", ru="Неделя", en="Week"),
    "new_story": Text(kk="Жаңа сюжет", ru="Новый сюжет", en="New story"),
    "story_key": Text(
        kk="Сюжет кілті (латынша, мысалы kitap-fest)",
        ru="Ключ сюжета (латиницей, например kitap-fest)",
        en="Story key (Latin letters, such as kitap-fest)",
    ),
    "story_title": Text(kk="Атауы", ru="Название", en="Title"),
    "kind": Text(kk="Түрі", ru="Вид", en="Kind"),
    "media": Text(kk="Медиа", ru="Медиа", en="Media"),
    "save_draft": Text(kk="Жоба ретінде сақтау", ru="Сохранить черновик", en="Save as draft"),
    "submit_review": Text(
        kk="Тексеруге жіберу", ru="Отправить на проверку", en="Submit for review"
    ),
    "submit": Text(kk="Тексеруге жіберу", ru="Отправить на проверку", en="Submit for review"),
    "submitted": Text(
        kk="#{id} тексеруге жіберілді.",
        ru="#{id} отправлен на проверку.",
        en="#{id} submitted for review.",
    ),
    "slot": Text(kk="Слот", ru="Слот", en="Slot"),
    "free_slot": Text(kk="бос слот", ru="свободный слот", en="free slot"),
    "save": Text(kk="Сақтау", ru="Сохранить", en="Save"),
    "edit": Text(kk="Өзгерту", ru="Изменить", en="Edit"),
    "checks": Text(kk="Тексеру керек", ru="Нужна проверка", en="To check"),
    "no_checks": Text(
        kk="Нәтижесі белгісіз жарияланым жоқ.",
        ru="Нет публикаций с неизвестным исходом.",
        en="No post of unknown outcome.",
    ),
    "why": Text(kk="Неге", ru="Почему", en="Why"),
    "went_out": Text(kk="Жарияланды", ru="Вышел", en="It went out"),
    "link": Text(kk="Сілтеме", ru="Ссылка", en="Link"),
    "send_again": Text(kk="Қайта жіберу", ru="Отправить снова", en="Send again"),
    "confirmed": Text(
        kk="#{id} жарияланды деп белгіленді.",
        ru="#{id} отмечен как вышедший.",
        en="#{id} marked as sent.",
    ),
    "resent": Text(
        kk="#{id} қайта жіберуге қойылды.",
        ru="#{id} снова в очереди.",
        en="#{id} queued to be sent again.",
    ),
    "need_link": Text(
        kk="Жарияланымның сілтемесін қойыңыз (https://…).",
        ru="Вставьте ссылку на публикацию (https://…).",
        en="Paste the post's link (https://…).",
    ),
}

STATUS: dict[str, Text] = {
    "draft": Text(kk="жоба", ru="черновик", en="draft"),
    "in_review": Text(kk="тексеруде", ru="на проверке", en="in review"),
    "approved": Text(kk="бекітілді", ru="одобрен", en="approved"),
    "scheduled": Text(kk="кестеде", ru="в расписании", en="scheduled"),
    "sending": Text(kk="жіберілуде", ru="отправляется", en="sending"),
    "sent": Text(kk="жарияланды", ru="опубликован", en="sent"),
    "failed": Text(kk="жарияланбады", ru="не опубликован", en="failed"),
    "needs_check": Text(kk="тексеру керек", ru="нужна проверка", en="needs check"),
    "cancelled": Text(kk="тоқтатылды", ru="отменён", en="cancelled"),
}

ROLE: dict[str, Text] = {
    "smm": Text(kk="SMM", ru="SMM", en="SMM"),
    "editor": Text(kk="редактор", ru="редактор", en="editor"),
    "admin": Text(kk="әкімші", ru="администратор", en="admin"),
}
