<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/** Every stage of one signing: the message signed, the signature and the headers to send. */
final class SignedRequest
{
    /**
     * @param array<string, string> $headers the three signing headers, in the order they are sent:
     *     request ID, timestamp, authorization
     */
    public function __construct(
        public readonly CanonicalMessage $message,
        /** Standard base64 of the 64-byte HMAC-SHA512: 88 characters ending in `==`. */
        public readonly string $signature,
        public readonly array $headers,
    ) {
    }
}
