#!/usr/bin/env bash
# The library as its users get it: build/Issuetrak.Client.dll copied alone into an empty folder and
# referenced by a consumer program compiled there (without NuGet, the nearest thing to installing
# the package). Run from polyglot-samples/dotnet after building the library (adapter.json "test").
set -euo pipefail
[[ -f build/Issuetrak.Client.dll ]] || { echo "package-test: build/Issuetrak.Client.dll is missing; build the library first" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp build/Issuetrak.Client.dll tests/consumer/Consumer.cs "$tmp/"
cd "$tmp"
mcs -nologo -warnaserror -r:Issuetrak.Client.dll -out:Consumer.exe Consumer.cs
mono Consumer.exe
echo "package-test: a consumer compiled against Issuetrak.Client.dll alone signed seed-009 as expected"
