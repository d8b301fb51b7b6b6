<?php

declare(strict_types=1);

/*
 * A few checks of the signer against the kit's vectors (fixtures/vectors). PHP has no test
 * framework in its standard library, so this is a plain script: `php tests/signer_test.php`
 * prints one line per check and exits 1 if any failed. The full set of vectors is run by the
 * conformance harness through adapter.php.
 */

use Itk\Issuetrak\ApiKey;
use Itk\Issuetrak\Instant;
use Itk\Issuetrak\IssuetrakSigner;
use Itk\Issuetrak\IssuetrakTimestamp;

require __DIR__ . '/../src/autoload.php';

const VECTORS = __DIR__ . '/../../../fixtures/vectors';

function vector(string $family, string $id): array
{
    $file = json_decode(file_get_contents(VECTORS . "/{$family}.json"), true, 512, JSON_THROW_ON_ERROR);
    foreach ($file['vectors'] as $vector) {
        if ($vector['id'] === $id) {
            return $vector;
        }
    }
    throw new RuntimeException("no vector {$id} in {$family}.json");
}

/** Signs a valid vector's input and lists what differs from its expectations. */
function mismatches(array $vector): array
{
    $in = $vector['input'];
    $expected = $vector['expected'];
    $body = isset($in['bodyBase64']) ? base64_decode($in['bodyBase64'], true) : $in['body'];
    $signed = (new IssuetrakSigner(ApiKey::fromText($in['key'])))
        ->sign($in['method'], $in['requestId'], $in['timestamp'], $in['path'], $in['query'], $body);
    $message = isset($expected['message']) ? $expected['message'] : base64_decode($expected['messageBase64'], true);
    $problems = [];
    if ($signed->message->path !== $expected['path']) {
        $problems[] = sprintf("path\n  expected %s\n  actual   %s", $expected['path'], $signed->message->path);
    }
    if ($signed->message->bytes !== $message) {
        $problems[] = sprintf("message\n  expected %s\n  actual   %s", json_encode($message, JSON_INVALID_UTF8_SUBSTITUTE), json_encode($signed->message->bytes, JSON_INVALID_UTF8_SUBSTITUTE));
    }
    if ($signed->signature !== $expected['signature']) {
        $problems[] = sprintf("signature\n  expected %s\n  actual   %s", $expected['signature'], $signed->signature);
    }
    if (array_change_key_case($signed->headers) !== array_change_key_case($expected['headers'])) {
        $problems[] = 'headers ' . json_encode($signed->headers);
    }
    if (isset($in['instant']) && IssuetrakTimestamp::format(Instant::parse($in['instant'])) !== $in['timestamp']) {
        $problems[] = sprintf('formatted timestamp of %s is not %s', $in['instant'], $in['timestamp']);
    }
    return $problems;
}

$checks = [
    ['seed', 'seed-001-get-issue-nested-site'],           // the docs' worked example
    ['paths', 'paths-033-greek-final-sigma-folder'],      // Unicode lowercasing, final sigma
    ['bodies', 'bodies-039-latin1-e-acute'],              // a body that is not UTF-8, signed as bytes
    ['timestamps', 'timestamps-001-instant-9-digits'],    // 7 digits, truncated from nanoseconds
];

$failed = 0;
foreach ($checks as [$family, $id]) {
    try {
        $problems = mismatches(vector($family, $id));
    } catch (Throwable $e) {
        $problems = [get_class($e) . ': ' . $e->getMessage()];
    }
    echo ($problems === [] ? 'ok   ' : 'FAIL ') . $id . "\n";
    foreach ($problems as $problem) {
        echo '     ' . str_replace("\n", "\n     ", $problem) . "\n";
    }
    $failed += $problems === [] ? 0 : 1;
}
echo $failed === 0 ? "all passed\n" : "{$failed} failed\n";
exit($failed === 0 ? 0 : 1);
