<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/**
 * A point in time at nanosecond precision: seconds since 1970-01-01T00:00:00Z and the
 * nanoseconds within that second (0-999999999, also for instants before 1970).
 */
final class Instant implements \Stringable
{
    private const ISO_UTC = '/\A([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.([0-9]{1,9}))?Z\z/';

    public function __construct(
        public readonly int $epochSecond,
        public readonly int $nanoOfSecond,
    ) {
        if ($nanoOfSecond < 0 || $nanoOfSecond > 999_999_999) {
            throw new \InvalidArgumentException(sprintf('nanoOfSecond %d is outside 0-999999999', $nanoOfSecond));
        }
    }

    /** The system clock's time (PHP's clock has microsecond precision). */
    public static function now(): self
    {
        return self::fromDateTime(new \DateTimeImmutable('now'));
    }

    public static function fromDateTime(\DateTimeInterface $dateTime): self
    {
        return new self($dateTime->getTimestamp(), (int) $dateTime->format('u') * 1000);
    }

    /**
     * Parses an ISO-8601 UTC instant with up to nine fractional digits,
     * e.g. `2014-09-10T17:28:08.322735199Z`.
     */
    public static function parse(string $text): self
    {
        if (preg_match(self::ISO_UTC, $text, $m) !== 1) {
            throw new \InvalidArgumentException(sprintf('instant "%s" is not yyyy-MM-ddTHH:mm:ss[.fffffffff]Z (UTC, 0-9 fractional digits, ASCII digits)', addcslashes($text, "\0..\37\"\\")));
        }
        $utc = new \DateTimeZone('UTC');
        $dateTime = \DateTimeImmutable::createFromFormat('!Y-m-d\TH:i:s', $m[1], $utc);
        if ($dateTime === false || $dateTime->format('Y-m-d\TH:i:s') !== $m[1]) {
            throw new \InvalidArgumentException(sprintf('instant "%s" names a date or time that does not exist', $text));
        }
        $fraction = $m[2] ?? '';
        return new self($dateTime->getTimestamp(), (int) str_pad($fraction, 9, '0'));
    }

    public function __toString(): string
    {
        $dateTime = new \DateTimeImmutable('@' . $this->epochSecond);
        return sprintf('%s.%09dZ', $dateTime->format('Y-m-d\TH:i:s'), $this->nanoOfSecond);
    }
}
