<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/**
 * An Issuetrak API key: its text, used as is (never base64-decoded, never trimmed), whose UTF-8
 * bytes are the HMAC key. See docs/scheme.md#key.
 *
 * It never shows its text: var_dump, print_r and exceptions see only its fingerprint
 * (`sha256:` and 16 hex digits of the SHA-256 of the key bytes).
 */
final class ApiKey
{
    private function __construct(
        #[\SensitiveParameter] private readonly string $bytes,
    ) {
    }

    /** The key from its text, e.g. `ApiKey::fromText('dUd4ZzQ3...GQQ=')`. */
    public static function fromText(#[\SensitiveParameter] string $text): self
    {
        if ($text === '') {
            throw new \InvalidArgumentException('API key is empty; use the key text exactly as issued');
        }
        if (preg_match('//u', $text) !== 1) {
            // PHP strings are bytes: text that is not UTF-8 has no "UTF-8 bytes of the key text".
            throw new \InvalidArgumentException('API key is not valid UTF-8 text; the HMAC key is the UTF-8 bytes of the key text');
        }
        return new self($text);
    }

    /** The HMAC key: the UTF-8 bytes of the key text. */
    public function bytes(): string
    {
        return $this->bytes;
    }

    /** A name for logs that does not reveal the key, e.g. `sha256:5e1f0c9d2b7a4e11`. */
    public function fingerprint(): string
    {
        return 'sha256:' . substr(hash('sha256', $this->bytes), 0, 16);
    }

    public function __debugInfo(): array
    {
        return ['fingerprint' => $this->fingerprint()];
    }

    public function __serialize(): array
    {
        throw new \LogicException('an ApiKey is not serialized; keep the key text in your configuration');
    }
}
