package dev.itk.signing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Request IDs accepted within the window, each kept until its timestamp leaves the window. Bounded:
 * when full it refuses to record more instead of forgetting early.
 *
 * <p>Time only moves forward here, whatever the callers' clocks do: the horizon is the latest
 * {@code now} any caller gave, and entries are dropped only when they expire before it. An ID is
 * dropped only once its expiry is behind the horizon; a request whose expiry is not after the
 * latest expiry ever dropped (the frontier) might be the replay of a dropped one, so it is refused
 * as {@link Outcome#FORGOTTEN} rather than recorded. So a slow request with an earlier {@code now}
 * than a concurrent one, or a clock moved back, can never bring a dropped ID back. Only {@link
 * #clear()} resets the horizon and the frontier.
 */
final class ReplayCache {
  enum Outcome {
    RECORDED,
    SEEN,
    FULL,
    /** Not after the frontier: an ID with this expiry may have been accepted and dropped. */
    FORGOTTEN
  }

  private record Entry(String requestId, Instant expiry) {}

  private final int capacity;
  private final Map<String, Instant> expiries = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>(Comparator.comparing(Entry::expiry));
  private Instant horizon = Instant.MIN;
  private Instant frontier = Instant.MIN;

  ReplayCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records {@code requestId} until {@code expiry} unless it is already recorded and unexpired, or
   * it may have been recorded and dropped. Entries that expire before the horizon (the latest
   * {@code now} seen) are dropped first.
   */
  synchronized Outcome record(String requestId, Instant expiry, Instant now) {
    if (now.isAfter(horizon)) {
      horizon = now;
    }
    purge();
    if (expiry.isAfter(frontier) && expiries.size() < capacity) {
      // One lookup in the usual case: record unless already there (then unchanged, and SEEN).
      if (expiries.putIfAbsent(requestId, expiry) != null) {
        return Outcome.SEEN;
      }
      byExpiry.add(new Entry(requestId, expiry));
      return Outcome.RECORDED;
    }
    if (expiries.containsKey(requestId)) {
      return Outcome.SEEN;
    }
    return expiry.isAfter(frontier) ? Outcome.FULL : Outcome.FORGOTTEN;
  }

  /** Forgets every ID, and the horizon and frontier with them. */
  synchronized void clear() {
    expiries.clear();
    byExpiry.clear();
    horizon = Instant.MIN;
    frontier = Instant.MIN;
  }

  synchronized int size() {
    return expiries.size();
  }

  /** The latest expiry of a dropped ID: requests expiring then or earlier are refused. */
  synchronized Instant frontier() {
    return frontier;
  }

  private void purge() {
    while (!byExpiry.isEmpty() && byExpiry.peek().expiry().isBefore(horizon)) {
      Entry e = byExpiry.poll();
      expiries.remove(e.requestId(), e.expiry());
      if (e.expiry().isAfter(frontier)) {
        frontier = e.expiry();
      }
    }
  }
}
