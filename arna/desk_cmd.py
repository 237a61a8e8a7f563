"""`arna user add` and `arna serve`: the desk's first admin, and the desk itself."""

from __future__ import annotations

import argparse
import getpass
import sys

from arna.workspace import Workspace
from posts.errors import InputError
from posts.i18n import Lang, Text
from posts.users import Role, add_user

HELP = {
    "user": Text(kk="десктің пайдаланушылары", ru="пользователи стола", en="the desk's users"),
    "add": Text(
        kk="пайдаланушы қосу (алғашқы әкімші де осылай қосылады)",
        ru="добавить пользователя (так добавляют и первого администратора)",
        en="add a user (the first admin too)",
    ),
    "serve": Text(
        kk="редакция үстелін іске қосу", ru="запустить стол редакции", en="start the desk"
    ),
}
ADDED = Text(
    kk="{login} ({role}, {office}) қосылды.",
    ru="Пользователь {login} ({role}, {office}) добавлен.",
    en="{login} ({role}, {office}) added.",
)
PASSWORDS_DIFFER = Text(
    kk="Құпиясөздер сәйкес келмейді.", ru="Пароли не совпадают.", en="The passwords differ."
)
PASSWORDS_FIX = Text(kk="Қайтадан теріңіз.", ru="Введите ещё раз.", en="Type them again.")
PROMPT = Text(kk="Құпиясөз: ", ru="Пароль: ", en="Password: ")
PROMPT_AGAIN = Text(kk="Тағы бір рет: ", ru="Ещё раз: ", en="Again: ")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: Lang) -> None:  # type: ignore[type-arg]
    users = sub.add_parser("user", help=HELP["user"].get(lang)).add_subparsers(
        required=True, metavar="ACTION"
    )
    p = users.add_parser("add", help=HELP["add"].get(lang), parents=[common])
    p.add_argument("login")
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=[r.value for r in Role], required=True)
    p.add_argument("--office", help="the office id (default: this workspace's)")
    p.add_argument("--national", action="store_true", help="sees every office")
    p.add_argument("--user-lang", choices=["kk", "ru", "en"], default="kk")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_user_add)
    p = sub.add_parser("serve", help=HELP["serve"].get(lang), parents=[common])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument(
        "--secure-cookies", action="store_true", help="behind TLS: cookies only over HTTPS"
    )
    p.add_argument("--public-url", help="the desk's address for links in notices")
    p.set_defaults(handler=cmd_serve)


def cmd_user_add(args: argparse.Namespace, lang: Lang) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(PROMPT.get(lang))
        if getpass.getpass(PROMPT_AGAIN.get(lang)) != password:
            raise InputError.of(PASSWORDS_DIFFER, fix=PASSWORDS_FIX)
    ws = Workspace.open(args.config)
    try:
        office = args.office or ws.config.office.id
        with ws.db.write() as s:
            add_user(
                s,
                login=args.login,
                name=args.name,
                office=office,
                role=Role(args.role),
                password=password,
                national=args.national,
                lang=args.user_lang,
            )
    finally:
        ws.close()
    print(ADDED.format(lang, login=args.login, role=args.role, office=office))
    return 0


def cmd_serve(args: argparse.Namespace, lang: Lang) -> int:
    import uvicorn

    from arna.desk.app import create_app

    ws = Workspace.open(args.config)
    try:
        app = create_app(ws, secure_cookies=args.secure_cookies, public_url=args.public_url)
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    finally:
        ws.close()
    return 0
