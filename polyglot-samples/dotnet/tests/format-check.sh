#!/usr/bin/env bash
# Fails when a C# file differs from clang-format's output with .clang-format (fix: see README.md,
# "Formatting"). First it checks that the check can fail: a badly indented file must be reported.
# Without clang-format it skips, except under CI=true, where it fails.
set -euo pipefail
if ! command -v clang-format >/dev/null 2>&1; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "format-check: clang-format is missing (CI=true); apt-get install -y clang-format" >&2
    exit 1
  fi
  echo "format-check: SKIPPED, clang-format is missing; apt-get install -y clang-format" >&2
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp .clang-format "$tmp/"
printf 'namespace X\n{\nclass Unformatted { void F() { } }\n}\n' >"$tmp/Unformatted.cs"
if clang-format --dry-run --Werror "$tmp/Unformatted.cs" 2>/dev/null; then
  echo "format-check: clang-format accepted a badly formatted file; the check would not catch anything" >&2
  exit 1
fi
mapfile -t files < <(find src tests -name '*.cs' | sort)
clang-format --dry-run --Werror "${files[@]}"
echo "format-check: ${#files[@]} C# files formatted as clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -n 1) would"
