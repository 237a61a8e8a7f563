#!/usr/bin/env bash
# Arna's two commands for a fresh machine. Each one sets up what it needs by itself:
#   ./dev.sh demo   set up, then run the main job on the embedded default (SQLite) in ./demo:
#                   lint the sample week, queue it, list it
#   ./dev.sh test   set up with the dev tools, then run ruff and the whole test suite
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VENV="$ROOT/.venv"

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

pick_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return
    fi
  done
  echo "Arna needs Python 3.11 or later (apt-get install python3)." >&2
  exit 2
}

# Debian packages that Arna's Python packages do not bring: the venv module where Debian splits it
# off, and (for the media rules) Tesseract with its Kazakh, Russian and English data. Installed
# only when missing and only where we are root; otherwise we say what is missing.
debian_packages() {
  local want=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || want+=("$pkg")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${want[*]}"
    { apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null; } ||
      echo "note: could not install ${want[*]}; the rules that need them will say so" >&2
  else
    echo "note: Debian packages not installed (need root): ${want[*]}" >&2
  fi
}

setup() {
  local extra=$1 stamp
  if command -v dpkg-query >/dev/null 2>&1; then
    debian_packages tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng \
      hunspell-kk hunspell-ru libhunspell-1.7-0 libcairo2
  fi
  stamp="$(sha256sum pyproject.toml | cut -c1-16)-$extra"
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.arna-stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  say "setting up the virtualenv in .venv"
  [ -x "$VENV/bin/python" ] || "$(pick_python)" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".$extra"
  echo "$stamp" > "$VENV/.arna-stamp"
}

cmd_demo() {
  setup ""
  local arna="$VENV/bin/arna" py="$VENV/bin/python"
  rm -rf demo
  say "arna init demo --editor editor"
  "$arna" init demo --editor editor
  cd demo
  say "arna lint drafts/ (the sample week breaks three rules on purpose)"
  local rc=0
  "$arna" lint drafts/ || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"  # 1 means "found errors", as seeded; 2 or more is a real failure
  say "arna queue add drafts/  (as the SMM officer)"
  ARNA_USER=smm "$arna" queue add drafts/
  local ids
  ids=$("$arna" queue list --status in_review --format json |
    "$py" -c 'import json, sys; print(*(p["id"] for p in json.load(sys.stdin)))')
  say "arna approve $ids  (as the editor)"
  # shellcheck disable=SC2086  # the ids are separate arguments
  ARNA_USER=editor "$arna" approve $ids
  # the sample week is next week: rehearse it into the outbox as at its last minute
  local sunday
  sunday=$("$py" -c 'import datetime as d; t = d.date.today(); print(t + d.timedelta(days=13 - t.weekday()))')
  say "arna publish --due --at ${sunday}T23:59  (the channels write to the outbox until connected)"
  rc=0
  "$arna" publish --due --at "${sunday}T23:59" || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"  # 1: a post was held back, as seeded (the send-time lint)
  say "arna queue list"
  "$arna" queue list
  say "the outbox"
  find outbox -name 'post-*.json' | sort
}

cmd_test() {
  # Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser)
  command -v dpkg-query >/dev/null 2>&1 && debian_packages chromium fonts-dejavu-core
  setup "[dev]"
  say "ruff check"
  "$VENV/bin/ruff" check .
  say "pytest (SQLite and PostgreSQL)"
  set +e
  "$VENV/bin/python" -m pytest "$@"
  local code=$?
  set -e
  if [ $code -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass." >&2
    exit 1
  fi
  exit $code
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  *) echo "usage: ./dev.sh demo | ./dev.sh test [pytest args]" >&2; exit 2 ;;
esac
