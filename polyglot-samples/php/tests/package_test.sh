#!/bin/sh
# The package as a user installs it: an empty project whose composer.json requires
# issuetrak-interop-kit/issuetrak-client from this folder (a `path` repository, copied, not
# symlinked), `composer install` with Packagist disabled and no network, then a script that loads
# the client through vendor/autoload.php and signs the docs' worked example
# (fixtures/vectors/seed.json). Without composer it skips, unless CI=true.
set -eu
sample="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v composer >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        echo "package_test.sh: composer is not installed and CI=true requires it: apt-get install composer" >&2
        exit 1
    fi
    echo "package_test.sh: skipped, composer is not installed (apt-get install composer)"
    exit 0
fi
project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
# Nothing from the user's own Composer configuration or cache; no network at all.
export COMPOSER_HOME="$project/.composer" COMPOSER_CACHE_DIR="$project/.cache" COMPOSER_DISABLE_NETWORK=1
export COMPOSER_NO_INTERACTION=1 COMPOSER_ALLOW_SUPERUSER=1

(cd "$sample" && composer validate --no-check-publish --quiet) || {
    echo "package_test.sh: composer.json is not valid: run composer validate in $sample" >&2
    exit 1
}

cat >"$project/composer.json" <<JSON
{
    "name": "example/issuetrak-user",
    "repositories": [
        {"type": "path", "url": "$sample", "options": {"symlink": false}},
        {"packagist.org": false}
    ],
    "require": {"issuetrak-interop-kit/issuetrak-client": "*@dev"}
}
JSON
cat >"$project/sign.php" <<'PHP'
<?php

declare(strict_types=1);

require __DIR__ . '/vendor/autoload.php';

use Itk\Issuetrak\IssuetrakSigner;

$file = (new ReflectionClass(IssuetrakSigner::class))->getFileName();
if (!str_starts_with($file, __DIR__ . '/vendor/issuetrak-interop-kit/issuetrak-client/src/')) {
    fwrite(STDERR, "IssuetrakSigner was loaded from $file, not from the installed package\n");
    exit(1);
}
$vectors = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR)['vectors'];
$vector = array_column($vectors, null, 'id')['seed-001-get-issue-nested-site'];
$in = $vector['input'];
$headers = (new IssuetrakSigner($in['key']))
    ->headers($in['method'], $in['requestId'], $in['timestamp'], $in['path'], $in['query'], $in['body']);
$signature = $headers[IssuetrakSigner::AUTHORIZATION_HEADER];
if ($signature !== $vector['expected']['signature']) {
    fwrite(STDERR, "{$vector['id']}: expected {$vector['expected']['signature']}, got $signature\n");
    exit(1);
}
echo "{$vector['id']}: signed by the installed package as expected\n";
PHP

(cd "$project" && composer install --no-progress --quiet)
php "$project/sign.php" "$sample/../../fixtures/vectors/seed.json"
