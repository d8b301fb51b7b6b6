<?php

declare(strict_types=1);

/*
 * The signer against every vector of the kit (fixtures/vectors) that an implementation signs:
 * `valid` ones, and `acceptable` ones (signed exactly as expected, or refused). A vector whose
 * path has a raw non-ASCII character must be refused, saying to percent-encode it; every other one
 * must give the expected message bytes, signature, headers and formatted timestamp.
 *
 *     php tests/signer_test.php      # one line per failure, a count, exit status 1 on a failure
 */

use Itk\Issuetrak\IssuetrakSigner;

require __DIR__ . '/../autoload.php';

const VECTORS = __DIR__ . '/../../../fixtures/vectors';

/** @return list<string> what differs from the vector's expectations; [] when it passes */
function check(array $vector): array
{
    $in = $vector['input'];
    $body = isset($in['bodyBase64']) ? base64_decode($in['bodyBase64'], true) : $in['body'];
    $args = [$in['method'], $in['requestId'], $in['timestamp'], $in['path'], $in['query'], $body];
    if (preg_match('/[^\x00-\x7F]/', $in['path']) === 1) {
        try {
            IssuetrakSigner::canonicalMessage(...$args);
            return ['signed a path with a raw non-ASCII character; it must be refused'];
        } catch (InvalidArgumentException $e) {
            return str_contains($e->getMessage(), 'percent-encode non-ASCII path characters')
                ? []
                : ['refused without saying to percent-encode: ' . $e->getMessage()];
        }
    }
    $expected = $vector['expected'];
    $signer = new IssuetrakSigner($in['key']);
    $problems = [];
    $message = IssuetrakSigner::canonicalMessage(...$args);
    $expectedMessage = $expected['message'] ?? base64_decode($expected['messageBase64'], true);
    if ($message !== $expectedMessage) {
        $problems[] = sprintf("message\n  expected %s\n  actual   %s", show($expectedMessage), show($message));
    }
    $headers = array_change_key_case($signer->headers(...$args));
    foreach (array_change_key_case($expected['headers']) as $name => $value) {
        if (($headers[$name] ?? null) !== $value) {
            $problems[] = sprintf("%s\n  expected %s\n  actual   %s", $name, $value, $headers[$name] ?? '(none)');
        }
    }
    $signature = $signer->signature($message);
    if ($signature !== $expected['signature']) {
        $problems[] = sprintf("signature\n  expected %s\n  actual   %s", $expected['signature'], $signature);
    }
    if (isset($in['instant']) && IssuetrakSigner::formatTimestamp($in['instant']) !== $in['timestamp']) {
        $problems[] = sprintf(
            "formatTimestamp(%s)\n  expected %s\n  actual   %s",
            $in['instant'],
            $in['timestamp'],
            IssuetrakSigner::formatTimestamp($in['instant']),
        );
    }
    return $problems;
}

function show(string $bytes): string
{
    return json_encode($bytes, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
}

$files = glob(VECTORS . '/*.json');
if ($files === []) {
    fwrite(STDERR, 'signer_test.php: no vector files in ' . VECTORS . "\n");
    exit(1);
}
$counts = ['signed' => 0, 'refused' => 0, 'failed' => 0];
foreach ($files as $file) {
    $vectors = json_decode(file_get_contents($file), true, 512, JSON_THROW_ON_ERROR)['vectors'];
    foreach ($vectors as $vector) {
        if (!in_array($vector['result'], ['valid', 'acceptable'], true)) {
            continue;
        }
        try {
            $problems = check($vector);
        } catch (Throwable $e) {
            $problems = [get_class($e) . ': ' . $e->getMessage()];
        }
        if ($problems !== []) {
            $counts['failed']++;
            echo 'FAIL ', $vector['id'], "\n     ", str_replace("\n", "\n     ", implode("\n", $problems)), "\n";
        } else {
            $counts[preg_match('/[^\x00-\x7F]/', $vector['input']['path']) === 1 ? 'refused' : 'signed']++;
        }
    }
}
printf(
    "%d vectors signed as expected, %d with a raw non-ASCII path refused, %d failed\n",
    $counts['signed'],
    $counts['refused'],
    $counts['failed'],
);
exit($counts['failed'] === 0 && $counts['signed'] > 0 ? 0 : 1);
