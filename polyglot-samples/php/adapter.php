<?php

declare(strict_types=1);

/*
 * The conformance harness's adapter for this sample (docs/runner-protocol.md): one JSON command
 * per line on standard input, one JSON answer per line on standard output, nothing else there.
 * Diagnostics go to standard error.
 */

use Itk\Issuetrak\ApiKey;
use Itk\Issuetrak\Instant;
use Itk\Issuetrak\IssuetrakClient;
use Itk\Issuetrak\IssuetrakSigner;
use Itk\Issuetrak\IssuetrakTimestamp;

// Standard output carries answers only: PHP's own messages go to standard error, and stack
// traces carry no argument values (so no key).
ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');
ini_set('zend.exception_ignore_args', '1');
error_reporting(E_ALL);

require __DIR__ . '/src/autoload.php';

const PROTOCOL_VERSION = 1;
const SCENARIOS = ['create-note', 'get-note', 'get-issues-by-number-list'];
const NOTE_ID = 1; // get-note's route is /notes/1

final class AdapterSkip extends RuntimeException
{
}

/** @return array<string, mixed> the `result` of one command */
function handle(stdClass $command): array
{
    return match ($command->cmd ?? null) {
        'start' => start($command),
        'sign' => sign($command->input),
        'bench' => bench($command),
        'scenario' => scenario($command),
        'stop' => [],
        default => throw new InvalidArgumentException(sprintf('unknown command %s; this adapter knows start, sign, bench, scenario and stop', json_encode($command->cmd ?? null))),
    };
}

function start(stdClass $command): array
{
    if (($command->protocolVersion ?? null) !== PROTOCOL_VERSION) {
        throw new InvalidArgumentException(sprintf('protocolVersion %s is not supported; this adapter speaks version %d', json_encode($command->protocolVersion ?? null), PROTOCOL_VERSION));
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
        if ($body === false) {
            throw new InvalidArgumentException('input.bodyBase64 is not standard base64');
        }
        return $body;
    }
    return $input->body;
}

function sign(stdClass $input): array
{
    $body = bodyOf($input);
    $signer = new IssuetrakSigner(ApiKey::fromText($input->key));
    $signed = $signer->sign($input->method, $input->requestId, $input->timestamp, $input->path, $input->query, $body);
    $result = [
        'messageBase64' => base64_encode($signed->message->bytes),
        'signature' => $signed->signature,
        'headers' => $signed->headers,
    ];
    if (isset($input->instant)) {
        $result['formattedTimestamp'] = IssuetrakTimestamp::format(Instant::parse($input->instant));
    }
    return $result;
}

/**
 * Times IssuetrakSigner::sign on one input with the monotonic hrtime(): warms up for warmupMillis,
 * then measures until at least `iterations` signatures and `durationMillis` have passed. One
 * operation is what IssuetrakClient does per request: its signer (keyed once, when the client is
 * made) builds the canonical message, computes the HMAC-SHA512 and its base64.
 */
function bench(stdClass $command): array
{
    $input = $command->input;
    $body = bodyOf($input);
    $signer = new IssuetrakSigner(ApiKey::fromText($input->key));
    [$method, $requestId, $timestamp, $path, $query] = [$input->method, $input->requestId, $input->timestamp, $input->path, $input->query];
    $iterations = (int) $command->iterations;
    $duration = (int) $command->durationMillis * 1_000_000;
    $warmUntil = hrtime(true) + (int) $command->warmupMillis * 1_000_000;
    $signed = $signer->sign($method, $requestId, $timestamp, $path, $query, $body);
    while (hrtime(true) < $warmUntil) {
        $signer->sign($method, $requestId, $timestamp, $path, $query, $body);
    }
    $operations = 0;
    $started = hrtime(true);
    do {
        $signed = $signer->sign($method, $requestId, $timestamp, $path, $query, $body);
        $operations++;
        $elapsed = hrtime(true) - $started;
    } while ($operations < $iterations || $elapsed < $duration);
    return ['operations' => $operations, 'elapsedNanos' => $elapsed, 'signature' => $signed->signature];
}

function scenario(stdClass $command): array
{
    if (!in_array($command->name, SCENARIOS, true)) {
        throw new AdapterSkip(sprintf('the vendor\'s PHP sample does not do %s (it creates a note, retrieves a note and retrieves issues by number list)', $command->name));
    }
    $client = new IssuetrakClient(
        $command->baseUrl,
        ApiKey::fromText($command->key),
        static fn (): string => $command->timestamp,
        IssuetrakClient::fixedRequestIds($command->requestIds),
    );
    $response = match ($command->name) {
        'create-note' => $client->createNote($command->data ?? throw new InvalidArgumentException('scenario create-note needs data, the note\'s fields')),
        'get-note' => $client->getNote(NOTE_ID),
        'get-issues-by-number-list' => $client->getIssuesByNumberList($command->issueNumbers ?? throw new InvalidArgumentException('scenario get-issues-by-number-list needs issueNumbers')),
    };
    return ['requests' => [['method' => $response->method, 'url' => $response->url, 'status' => $response->status]]];
}

function answer(array $answer): void
{
    // Objects stay objects when empty ({} for stop); invalid UTF-8 in a trace cannot break the line.
    $line = json_encode($answer, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR);
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
        try {
            $result = handle($command);
            answer(['seq' => $seq, 'result' => $result === [] ? new stdClass() : $result]);
        } catch (AdapterSkip $e) {
            answer(['seq' => $seq, 'skipped' => ['reason' => $e->getMessage()]]);
        } catch (Throwable $e) {
            fwrite(STDERR, sprintf("adapter.php: %s %s failed: %s\n", $command->cmd ?? '?', $command->id ?? $command->name ?? '', $e->getMessage()));
            answer(['seq' => $seq, 'errored' => ['message' => $e->getMessage(), 'stderr' => (string) $e]]);
        }
        if (($command->cmd ?? null) === 'stop') {
            return 0;
        }
    }
    return 0; // standard input closed: the harness is gone
}

exit(main());
