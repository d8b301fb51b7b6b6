<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/**
 * Signs Issuetrak API v1 requests: HMAC-SHA512 over the {@see CanonicalMessage}, keyed with the
 * UTF-8 bytes of the API key text, as standard base64 with padding. See docs/scheme.md.
 *
 * Pure: the request ID and the timestamp are inputs; the signer reads no clock and makes no IDs.
 *
 *     $signed = (new IssuetrakSigner(ApiKey::fromText($key)))
 *         ->sign('GET', $requestId, $timestamp, '/api/v1/notes/1', '', '');
 *     $signed->message->bytes; $signed->signature; $signed->headers;
 */
final class IssuetrakSigner
{
    public const REQUEST_ID_HEADER = 'X-Issuetrak-API-Request-ID';
    public const TIMESTAMP_HEADER = 'X-Issuetrak-API-Timestamp';
    public const AUTHORIZATION_HEADER = 'X-Issuetrak-API-Authorization';

    public function __construct(private readonly ApiKey $key)
    {
    }

    /**
     * Signs a request as it will be sent: `$rawPath` is the URL path (not yet lowercased),
     * `$query` the raw query without `?`, `$body` the exact body bytes ('' when none).
     */
    public function sign(
        string $method,
        string $requestId,
        string $timestamp,
        string $rawPath,
        string $query,
        string $body,
    ): SignedRequest {
        return $this->signMessage(CanonicalMessage::of($method, $requestId, $timestamp, $rawPath, $query, $body));
    }

    public function signMessage(CanonicalMessage $message): SignedRequest
    {
        $signature = base64_encode(hash_hmac('sha512', $message->bytes, $this->key->bytes(), true));
        return new SignedRequest($message, $signature, [
            self::REQUEST_ID_HEADER => $message->requestId,
            self::TIMESTAMP_HEADER => $message->timestamp,
            self::AUTHORIZATION_HEADER => $signature,
        ]);
    }

    public function __debugInfo(): array
    {
        return ['key' => $this->key->fingerprint()];
    }
}
