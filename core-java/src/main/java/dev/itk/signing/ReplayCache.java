package dev.itk.signing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Request IDs accepted within the window, each kept until its timestamp leaves the window. Bounded:
 * when full it refuses to record more instead of forgetting early.
 */
final class ReplayCache {
  enum Outcome {
    RECORDED,
    SEEN,
    FULL
  }

  private record Entry(String requestId, Instant expiry) {}

  private final int capacity;
  private final Map<String, Instant> expiries = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>(Comparator.comparing(Entry::expiry));

  ReplayCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records {@code requestId} until {@code expiry} unless it is already recorded and unexpired.
   * Entries whose expiry is before {@code now} are dropped first.
   */
  synchronized Outcome record(String requestId, Instant expiry, Instant now) {
    purge(now);
    if (expiries.size() >= capacity) {
      return expiries.containsKey(requestId) ? Outcome.SEEN : Outcome.FULL;
    }
    // One lookup in the usual case: record unless already there (then unchanged, and SEEN).
    if (expiries.putIfAbsent(requestId, expiry) != null) {
      return Outcome.SEEN;
    }
    byExpiry.add(new Entry(requestId, expiry));
    return Outcome.RECORDED;
  }

  synchronized void clear() {
    expiries.clear();
    byExpiry.clear();
  }

  synchronized int size() {
    return expiries.size();
  }

  private void purge(Instant now) {
    while (!byExpiry.isEmpty() && byExpiry.peek().expiry().isBefore(now)) {
      Entry e = byExpiry.poll();
      expiries.remove(e.requestId(), e.expiry());
    }
  }
}
