#!/bin/sh
# The formatting check: every PHP file here follows PSR-12 (phpcs.xml.dist); `phpcbf` fixes most
# of what it reports. Fails on any error or warning. Without phpcs it skips, unless CI=true.
set -eu
cd "$(dirname "$0")/.."
if ! command -v phpcs >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        echo "format_test.sh: phpcs is not installed and CI=true requires it: apt-get install php-codesniffer" >&2
        exit 1
    fi
    echo "format_test.sh: skipped, phpcs is not installed (apt-get install php-codesniffer)"
    exit 0
fi
phpcs -q --no-colors
echo "format_test.sh: every PHP file follows PSR-12"
