<?php

declare(strict_types=1);

/*
 * adapter.php speaking the runner protocol (docs/runner-protocol.md) as the harness runs it: a
 * child process fed command lines on standard input.
 *
 *     php tests/adapter_test.php      # one line per failure, exit status 1 on a failure
 */

const SEED = __DIR__ . '/../../../fixtures/vectors/seed.json';

/** @return list<array<string, mixed>> the answer to each command, in order */
function answersTo(array ...$commands): array
{
    $lines = implode('', array_map(
        static fn (array $c): string => json_encode($c, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR) . "\n",
        $commands,
    ));
    $process = proc_open(
        [PHP_BINARY, 'adapter.php'],
        [['pipe', 'r'], ['pipe', 'w'], ['file', '/dev/null', 'w']],
        $pipes,
        __DIR__ . '/..',
    );
    fwrite($pipes[0], $lines);
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    proc_close($process);
    return array_map(
        static fn (string $l): array => json_decode($l, true, 512, JSON_THROW_ON_ERROR),
        explode("\n", trim($out)),
    );
}

$failures = [];
$seed = json_decode(file_get_contents(SEED), true, 512, JSON_THROW_ON_ERROR)['vectors'][0];
$refused = ['path' => '/api/v1/Café'] + $seed['input'];
[$batch] = answersTo(['seq' => 9, 'cmd' => 'signBatch', 'items' => [
    ['id' => 'raw-non-ascii', 'input' => $refused],
    ['id' => $seed['id'], 'input' => $seed['input']],
]]);
[$first, $second] = $batch['result']['answers'] ?? [[], []];
if ($batch['seq'] !== 9) {
    $failures[] = 'signBatch answered with seq ' . json_encode($batch['seq']);
}
$refusal = $first['errored']['message'] ?? '';
if (array_keys($first) !== ['errored'] || !str_contains($refusal, 'percent-encode non-ASCII path characters')) {
    $failures[] = 'signBatch did not refuse the raw non-ASCII path in its place: ' . json_encode($first);
}
if (($second['result']['signature'] ?? null) !== $seed['expected']['signature']) {
    $failures[] = 'signBatch did not sign ' . $seed['id'] . ' as expected: ' . json_encode($second);
}

[$unknown] = answersTo(['seq' => 1, 'cmd' => 'dance']);
if (!str_contains($unknown['errored']['message'] ?? '', 'expected start, sign, signBatch,')) {
    $failures[] = 'an unknown command was not answered errored listing signBatch: ' . json_encode($unknown);
}

foreach ($failures as $failure) {
    echo 'FAIL ', $failure, "\n";
}
echo $failures === [] ? "adapter_test.php: signBatch and an unknown command answered as expected\n" : '';
exit($failures === [] ? 0 : 1);
