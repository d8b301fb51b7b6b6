<?php

declare(strict_types=1);

/*
 * The conformance harness's adapter for this sample (docs/runner-protocol.md): one JSON command
 * per line on standard input, one JSON answer per line on standard output, nothing else there.
 * Diagnostics go to standard error.
 */

use Itk\Issuetrak\IssuetrakClient;
use Itk\Issuetrak\IssuetrakSigner;
use Itk\Issuetrak\Response;

// Standard output carries answers only: PHP's own messages go to standard error, and stack
// traces carry no argument values (so no key).
ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');
ini_set('zend.exception_ignore_args', '1');
error_reporting(E_ALL);

require __DIR__ . '/autoload.php';

const PROTOCOL_VERSION = 1;
const SCENARIOS = [
    'get-issue', 'update-issue', 'create-issue', 'create-note', 'get-note', 'get-issues-by-number-list',
    'get-issue-notes', 'search-issues', 'create-note-markup', 'get-issue-mixed-case-site',
    'empty-body-post', 'lookup-issue-types',
];
// get-issue's and get-note's routes (/issues/false/1, /notes/1): their commands carry no number.
const ISSUE_NUMBER = 1;
const NOTE_ID = 1;

/** @return array<string, mixed> the `result` of one command */
function handle(stdClass $command): array
{
    return match ($command->cmd ?? null) {
        'start' => start($command),
        'sign' => sign($command->input),
        'signBatch' => signBatch($command),
        'bench' => bench($command),
        'scenario' => scenario($command),
        'stop' => [],
        default => throw new InvalidArgumentException(sprintf(
            'unknown command %s; expected start, sign, signBatch, bench, scenario or stop',
            json_encode($command->cmd ?? null),
        )),
    };
}

function start(stdClass $command): array
{
    if (($command->protocolVersion ?? null) !== PROTOCOL_VERSION) {
        throw new InvalidArgumentException(sprintf(
            'protocolVersion %s is not supported; this adapter speaks version %d',
            json_encode($command->protocolVersion ?? null),
            PROTOCOL_VERSION,
        ));
    }
    return [
        'protocolVersion' => PROTOCOL_VERSION,
        'language' => 'php',
        'implementation' => 'polyglot-samples/php',
        'runtime' => 'PHP ' . PHP_VERSION,
        'scenarios' => SCENARIOS,
    ];
}

/** The body bytes of a sign or bench input: `bodyBase64` decoded, or `body` (UTF-8 already). */
function bodyOf(stdClass $input): string
{
    if (isset($input->bodyBase64)) {
        $body = base64_decode($input->bodyBase64, true);
        return $body !== false ? $body : throw new InvalidArgumentException('input.bodyBase64 is not base64');
    }
    return $input->body;
}

function sign(stdClass $input): array
{
    $body = bodyOf($input);
    $signer = new IssuetrakSigner($input->key);
    $message = IssuetrakSigner::canonicalMessage(
        $input->method,
        $input->requestId,
        $input->timestamp,
        $input->path,
        $input->query,
        $body,
    );
    $result = [
        'messageBase64' => base64_encode($message),
        'signature' => $signer->signature($message),
        'headers' => $signer->headers(
            $input->method,
            $input->requestId,
            $input->timestamp,
            $input->path,
            $input->query,
            $body,
        ),
    ];
    if (isset($input->instant)) {
        $result['formattedTimestamp'] = IssuetrakSigner::formatTimestamp($input->instant);
    }
    return $result;
}

/**
 * Signs each item as `sign` does, in order; a failing item is answered errored in its place (with
 * the message only for a refused input, as `sign`'s answer) and the others go on.
 */
function signBatch(stdClass $command): array
{
    $answers = [];
    foreach ($command->items as $item) {
        try {
            $answers[] = ['result' => sign($item->input)];
        } catch (InvalidArgumentException $e) {
            $answers[] = ['errored' => ['message' => $e->getMessage()]];
        } catch (Throwable $e) {
            fwrite(STDERR, sprintf("adapter.php: signBatch %s failed: %s\n", $item->id ?? '?', $e->getMessage()));
            $answers[] = ['errored' => ['message' => $e->getMessage(), 'stderr' => (string) $e]];
        }
    }
    return ['answers' => $answers];
}

/**
 * Times the signing IssuetrakClient does per request (the signer keyed once, when the client is
 * made; headers() builds the canonical message, its HMAC-SHA512 and base64) with the monotonic
 * hrtime(): warms up for warmupMillis, then signs until at least `iterations` signatures and
 * `durationMillis` have passed.
 */
function bench(stdClass $command): array
{
    $in = $command->input;
    $body = bodyOf($in);
    $signer = new IssuetrakSigner($in->key);
    $args = [$in->method, $in->requestId, $in->timestamp, $in->path, $in->query, $body];
    $sign = static fn (): array => $signer->headers(...$args);
    $warmUntil = hrtime(true) + (int) $command->warmupMillis * 1_000_000;
    do {
        $headers = $sign();
    } while (hrtime(true) < $warmUntil);
    $iterations = (int) $command->iterations;
    $duration = (int) $command->durationMillis * 1_000_000;
    $operations = 0;
    $started = hrtime(true);
    do {
        $headers = $sign();
        $operations++;
        $elapsed = hrtime(true) - $started;
    } while ($operations < $iterations || $elapsed < $duration);
    return [
        'operations' => $operations,
        'elapsedNanos' => $elapsed,
        'signature' => $headers[IssuetrakSigner::AUTHORIZATION_HEADER],
    ];
}

/** Performs one scenario with IssuetrakClient; every answer, whatever its status, is reported. */
function scenario(stdClass $command): array
{
    $requests = [];
    $ids = $command->requestIds;
    $client = new IssuetrakClient(
        $command->baseUrl,
        $command->key,
        clock: static fn (): string => $command->timestamp,
        requestIds: static function () use (&$ids, $command): string {
            return array_shift($ids) ?? throw new LengthException(sprintf(
                'the scenario gave %d request IDs and needs one more: every request needs its own',
                count($command->requestIds),
            ));
        },
        onResponse: static function (Response $response) use (&$requests): void {
            $requests[] = ['method' => $response->method, 'url' => $response->url, 'status' => $response->status];
        },
    );
    match ($command->name) {
        'get-issue' => $client->getIssue(ISSUE_NUMBER),
        'update-issue' => $client->updateIssue(
            $command->issueNumber,
            $command->set,
            $command->readOnlyIssueFields ?? IssuetrakClient::READ_ONLY_ISSUE_FIELDS,
            $command->readOnlyUserDefinedFieldFields ?? IssuetrakClient::READ_ONLY_USER_DEFINED_FIELD_FIELDS,
        ),
        'create-issue' => $client->createIssue($command->data),
        'create-note', 'create-note-markup' => $client->createNote($command->data),
        'get-note' => $client->getNote(NOTE_ID),
        'get-issues-by-number-list' => $client->getIssues($command->issueNumbers),
        'get-issue-notes' => $client->getNotesOfIssue($command->issueNumber),
        'search-issues' => $client->searchIssues($command->data),
        'get-issue-mixed-case-site' => $client->getIssue($command->issueNumber, $command->includeNotes),
        'empty-body-post', 'lookup-issue-types' => $client->send(
            $command->send->method,
            $command->send->route,
            $command->send->query ?? '',
        ),
        default => throw new InvalidArgumentException(sprintf(
            'unknown scenario %s; this adapter does %s',
            json_encode($command->name),
            implode(', ', SCENARIOS),
        )),
    };
    return ['requests' => $requests];
}

function answer(array $answer): void
{
    // Objects stay objects when empty ({} for stop); invalid UTF-8 in a trace cannot break the line.
    $flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR;
    $line = json_encode($answer, $flags);
    fwrite(STDOUT, $line . "\n");
    fflush(STDOUT);
}

function main(): int
{
    while (($line = fgets(STDIN)) !== false) {
        if (trim($line) === '') {
            continue;
        }
        try {
            $command = json_decode($line, false, 512, JSON_THROW_ON_ERROR);
        } catch (JsonException $e) {
            fwrite(STDERR, 'adapter.php: a command line is not JSON (' . $e->getMessage() . "); stopping\n");
            return 2;
        }
        if (!$command instanceof stdClass || !is_int($command->seq ?? null)) {
            fwrite(STDERR, "adapter.php: a command is not a JSON object with an integer seq; stopping\n");
            return 2;
        }
        $seq = $command->seq;
        $what = trim(($command->cmd ?? '?') . ' ' . ($command->id ?? $command->name ?? ''));
        try {
            $result = handle($command);
            answer(['seq' => $seq, 'result' => $result === [] ? new stdClass() : $result]);
        } catch (InvalidArgumentException $e) {
            // A refused input (e.g. a raw non-ASCII path): the message says what to do.
            fwrite(STDERR, sprintf("adapter.php: %s refused: %s\n", $what, $e->getMessage()));
            answer(['seq' => $seq, 'errored' => ['message' => $e->getMessage()]]);
        } catch (Throwable $e) {
            fwrite(STDERR, sprintf("adapter.php: %s failed: %s\n", $what, $e->getMessage()));
            answer(['seq' => $seq, 'errored' => ['message' => $e->getMessage(), 'stderr' => (string) $e]]);
        }
        if (($command->cmd ?? null) === 'stop') {
            return 0;
        }
    }
    return 0; // standard input closed: the harness is gone
}

exit(main());
