#!/usr/bin/env bash
# Install the peer static-site generators that benchmarks/run.py compares clinicsite with.
#
#   bash benchmarks/peers/install.sh [hugo] [eleventy] [python]     (default: all three)
#
# - hugo:     Debian's package (apt-get; needs root or sudo). Debian bookworm ships 0.111.
# - eleventy: Eleventy 3.x and markdown-it-footnote with npm into benchmarks/_work/node.
# - python:   Pelican 4.12 (with Python-Markdown) and MkDocs 1.6 with pip into a separate
#             venv, benchmarks/_work/peers-venv, so clinicsite's own .venv is untouched.
#
# Everything lands in benchmarks/_work/ (git-ignored) or in the system; nothing is committed.
# A step that fails is reported and the others still run; run.py skips a tool it cannot find.
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(dirname "$HERE")/_work"
PYTHON="${PYTHON:-python3}"
FAILED=()

step() { printf '\n== %s\n' "$*"; }

install_hugo() {
  step "Hugo (Debian package)"
  if command -v hugo >/dev/null 2>&1; then hugo version; return 0; fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "not root and no sudo: install hugo by hand"; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hugo \
    && hugo version
}

install_eleventy() {
  step "Eleventy 3 + markdown-it-footnote (npm, into _work/node)"
  command -v npm >/dev/null 2>&1 || { echo "npm not found: install Node.js 18 or newer"; return 1; }
  mkdir -p "$WORK/node"
  npm install --prefix "$WORK/node" "@11ty/eleventy@3" markdown-it-footnote \
    --no-audit --no-fund --no-package-lock \
    && "$WORK/node/node_modules/.bin/eleventy" --version
}

install_python_peers() {
  step "Pelican 4.12 + MkDocs 1.6 (pip, into _work/peers-venv)"
  "$PYTHON" -m venv "$WORK/peers-venv" || return 1
  "$WORK/peers-venv/bin/python" -m pip install --quiet --upgrade pip \
    && "$WORK/peers-venv/bin/python" -m pip install --quiet "pelican[markdown]==4.12.*" "mkdocs==1.6.*" \
    && "$WORK/peers-venv/bin/pelican" --version && "$WORK/peers-venv/bin/mkdocs" --version
}

main() {
  local targets=("$@")
  [ ${#targets[@]} -eq 0 ] && targets=(hugo eleventy python)
  mkdir -p "$WORK"
  for target in "${targets[@]}"; do
    case "$target" in
      hugo) install_hugo || FAILED+=(hugo) ;;
      eleventy) install_eleventy || FAILED+=(eleventy) ;;
      python | pelican | mkdocs) install_python_peers || FAILED+=(pelican/mkdocs) ;;
      *) echo "unknown target: $target (use hugo, eleventy or python)"; FAILED+=("$target") ;;
    esac
  done
  if [ ${#FAILED[@]} -gt 0 ]; then
    printf '\nnot installed: %s\n' "${FAILED[*]}"
    return 1
  fi
  printf '\nall peers installed\n'
}

main "$@"
