<?php

declare(strict_types=1);

/*
 * What the vectors do not cover: the timestamp from PHP's own clock type, the JSON bytes the
 * client sends, the errors a user sees, and the key kept out of dumps. Expected values are
 * written out by hand.
 *
 *     php tests/client_test.php      # one line per check, exit status 1 on a failure
 */

use Itk\Issuetrak\IssuetrakClient;
use Itk\Issuetrak\IssuetrakSigner;

require __DIR__ . '/../autoload.php';

const KEY = 'dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=';

/** @return string|null the exception's message, or null when `$call` throws none */
function messageOf(callable $call): ?string
{
    try {
        $call();
        return null;
    } catch (InvalidArgumentException $e) {
        return $e->getMessage();
    }
}

/** Everything PHP's dump functions and serialize() show of `$value`. */
function dumps(object $value): string
{
    ob_start();
    var_dump($value);
    $dumps = ob_get_clean() . print_r($value, true) . var_export($value, true) . json_encode((array) $value);
    try {
        $dumps .= serialize($value);
    } catch (Exception $e) {
        $dumps .= $e->getMessage();
    }
    return $dumps;
}

$checks = [
    'formatTimestamp: a DateTimeImmutable with an offset, in UTC, microseconds padded to 7 digits' =>
        [IssuetrakSigner::formatTimestamp(new DateTimeImmutable('2014-09-10T19:28:08.322735+02:00')),
         '2014-09-10T17:28:08.3227350Z'],
    'formatTimestamp: text keeps the 7th digit and truncates the 8th and 9th' =>
        [IssuetrakSigner::formatTimestamp('2014-09-10T23:59:59.999999999-08:00'), '2014-09-11T07:59:59.9999999Z'],
    'formatTimestamp: a date that does not exist is refused' =>
        [messageOf(fn () => IssuetrakSigner::formatTimestamp('2014-02-30T00:00:00Z')),
         'instant "2014-02-30T00:00:00Z" names a date or time that does not exist'],
    'encodeJson: compact, keys in order, raw UTF-8 outside the BMP, only " and \ escaped' =>
        [IssuetrakClient::encodeJson((object) ['B' => '<p>a & b</p> "C:\tmp" 😀 𝄞', 'A' => [], 'C' => new stdClass()]),
         '{"B":"<p>a & b</p> \"C:\\\\tmp\" 😀 𝄞","A":[],"C":{}}'],
    'canonicalPath: ASCII lowercased, percent escapes kept with their hex digits lowercased' =>
        [IssuetrakSigner::canonicalPath('/Corp/IT-Support/api/v1/Caf%C3%A9'), '/corp/it-support/api/v1/caf%c3%a9'],
    'canonicalPath: a raw non-ASCII character is refused, saying what to do' =>
        [messageOf(fn () => IssuetrakSigner::canonicalPath('/Café')),
         'path "/Café" has a raw non-ASCII character at byte 4; percent-encode non-ASCII path characters as UTF-8'
         . ' (e.g. /caf%C3%A9 for /café) before sending and signing: how the server lowercases them is unknown'],
    'client: a base URL with a query is refused' =>
        [messageOf(fn () => new IssuetrakClient('http://127.0.0.1:8089/api/v1?x=1', KEY)),
         'base URL "http://127.0.0.1:8089/api/v1?x=1" has a query or fragment; give the API base only,'
         . ' e.g. https://example.com/api/v1'],
    'client: a route without a leading / is refused before anything is sent' =>
        [messageOf(fn () => (new IssuetrakClient('http://127.0.0.1:9/api/v1', KEY))->send('GET', 'notes/1')),
         'route "notes/1" does not start with /, e.g. /notes/1'],
    'the key is in no dump of the signer or the client, nor in its serialization' =>
        [str_contains(dumps(new IssuetrakClient('http://127.0.0.1:8089/api/v1', KEY)), KEY), false],
];

$failed = 0;
foreach ($checks as $name => [$actual, $expected]) {
    if ($actual === $expected) {
        echo "ok   {$name}\n";
    } else {
        $failed++;
        echo "FAIL {$name}\n";
        echo '     expected ', var_export($expected, true), "\n     actual   ", var_export($actual, true), "\n";
    }
}
echo $failed === 0 ? count($checks) . " passed\n" : "{$failed} of " . count($checks) . " failed\n";
exit($failed === 0 ? 0 : 1);
