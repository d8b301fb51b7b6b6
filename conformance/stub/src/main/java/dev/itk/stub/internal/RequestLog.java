package dev.itk.stub.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.diagnose.Cause;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.VerificationResult;
import dev.itk.stub.RecordCounts;
import dev.itk.stub.RecordedRequest;
import dev.itk.stub.RefusalDiagnosis;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The requests the stub answered, in order of arrival, and their JSON form ({@code
 * docs/stub.md#the-record}). Bounded: it keeps at most {@link RecordLimits#maxRequests()} records
 * and {@link RecordLimits#maxBytes()} bytes of them, dropping the oldest first and counting what it
 * dropped. Each record is also handed to the listener and, when there is one, appended to the
 * record file as it is made. Thread-safe.
 */
public final class RequestLog {
  /** The value of the record's {@code format} field; changes only with an incompatible format. */
  public static final String FORMAT = "itk-stub-record/2";

  /** What is kept: a bound on records and on their bytes, and the body prefix of refused ones. */
  public record RecordLimits(int maxRequests, long maxBytes, int refusedBodyPrefixBytes) {
    /** 10 000 requests, 128 MiB, 64 KiB of a refused request's body. */
    public static final RecordLimits DEFAULT = new RecordLimits(10_000, 128L << 20, 64 * 1024);

    public RecordLimits {
      if (maxRequests < 1) {
        throw new IllegalArgumentException(
            "the record must keep at least 1 request; got maxRequests " + maxRequests);
      }
      if (maxBytes < 1) {
        throw new IllegalArgumentException(
            "the record must keep at least 1 byte; got maxBytes " + maxBytes);
      }
      if (refusedBodyPrefixBytes < 0) {
        throw new IllegalArgumentException(
            "refusedBodyPrefixBytes must be 0 or more; got " + refusedBodyPrefixBytes);
      }
    }
  }

  private final AtomicLong sequence = new AtomicLong();
  private final RecordLimits limits;
  private final boolean signaturesChecked;
  private final Consumer<RecordedRequest> listener;
  private RecordFile file;

  private record Kept(RecordedRequest record, long weight) {}

  private final Deque<Kept> records = new ArrayDeque<>();
  private long keptBytes;
  private long dropped;
  private long droppedBytes;
  private long total;

  RequestLog(RecordLimits limits, boolean signaturesChecked, Consumer<RecordedRequest> listener) {
    this.limits = limits;
    this.signaturesChecked = signaturesChecked;
    this.listener = listener;
  }

  /** From now on, appends each record to {@code path} as well (a new file, or a new run in it). */
  synchronized void openFile(java.nio.file.Path path, boolean append) throws java.io.IOException {
    closeFile();
    file = RecordFile.create(path, append);
  }

  /** Ends the record file with the counts, if there is one; returns it (closed), or null. */
  synchronized RecordFile closeFile() {
    RecordFile f = file;
    if (f != null) {
      f.close(counts());
      file = null;
    }
    return f;
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** Records {@code exchange}, answered with {@code status}. */
  void add(Exchange exchange, int status) {
    RecordedRequest record =
        exchange.toRecord(status, signaturesChecked, limits.refusedBodyPrefixBytes());
    Kept kept = new Kept(record, weight(record));
    synchronized (this) {
      records.addLast(kept);
      keptBytes += kept.weight();
      total++;
      while (records.size() > limits.maxRequests()
          || (keptBytes > limits.maxBytes() && records.size() > 1)) {
        Kept old = records.removeFirst();
        keptBytes -= old.weight();
        dropped++;
        droppedBytes += old.weight();
      }
      if (file != null) {
        file.append(record);
      }
    }
    listener.accept(record);
  }

  /** A snapshot of the records kept, in order of arrival. */
  public synchronized List<RecordedRequest> all() {
    return records.stream().map(Kept::record).toList();
  }

  /** How many records are kept now. */
  public synchronized int size() {
    return records.size();
  }

  public synchronized RecordCounts counts() {
    return new RecordCounts(records.size(), keptBytes, dropped, droppedBytes, total);
  }

  public RecordLimits limits() {
    return limits;
  }

  /** Forgets every record kept; sequence numbers and the counts of what was dropped go on. */
  public synchronized int clear() {
    int n = records.size();
    records.clear();
    keptBytes = 0;
    return n;
  }

  /**
   * About how much memory a record holds: its body bytes kept, its text (the diagnosis's causes
   * included), and a fixed overhead.
   */
  private long weight(RecordedRequest r) {
    // The bytes kept, without copying them (body() returns a copy): a prefix is exactly
    // refusedBodyPrefixBytes long (Exchange.toRecord), a whole body bodyLength.
    long kept = r.bodyIsPrefix() ? limits.refusedBodyPrefixBytes() : r.bodyLength();
    // A refused request's verification holds the canonical message the stub computed, and with it
    // the whole body, whatever prefix the record keeps for itself: it weighs as much.
    if (r.bodyIsPrefix() && r.verification().flatMap(VerificationResult::message).isPresent()) {
      kept += r.bodyLength();
    }
    long w = 256L + kept + r.method().length() + r.path().length();
    w += r.query().map(String::length).orElse(0);
    for (HeaderLine h : r.headers()) {
      w += 32 + h.name().length() + h.value().length();
    }
    if (r.diagnosis().isPresent()) {
      RefusalDiagnosis d = r.diagnosis().get();
      w += 64 + d.status().length() + d.detail().length();
      for (Cause c : d.causes()) {
        w += 32 + c.id().length() + c.explanation().length() + c.fix().length();
      }
    }
    return w;
  }

  /** The record as JSON: {@code {"format": ..., "counts": ..., "requests": [...]}}. */
  public ObjectNode toJson() {
    List<RecordedRequest> kept;
    RecordCounts counts;
    synchronized (this) {
      kept = all();
      counts = counts();
    }
    ObjectNode out = toJson(kept);
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("kept", counts.kept());
    c.put("dropped", counts.dropped());
    c.put("droppedBytes", counts.droppedBytes());
    c.put("total", counts.total());
    out.set("counts", c);
    out.set("requests", out.remove("requests"));
    return out;
  }

  /** {@code requests} as a record: {@code {"format": ..., "requests": [...]}}. */
  public static ObjectNode toJson(List<RecordedRequest> requests) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("format", FORMAT);
    ArrayNode list = out.putArray("requests");
    for (RecordedRequest r : requests) {
      list.add(toJson(r));
    }
    return out;
  }

  static ObjectNode toJson(RecordedRequest r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", r.sequence());
    o.put("time", r.time().toString());
    o.put("method", r.method());
    o.put("path", r.path());
    o.put("query", r.query().orElse(null));
    ArrayNode headers = o.putArray("headers");
    for (HeaderLine h : r.headers()) {
      headers.addArray().add(h.name()).add(h.value());
    }
    byte[] body = r.body();
    o.put("bodyLength", r.bodyLength());
    o.put("bodyKept", r.bodyIsPrefix() ? "prefix" : "whole");
    var text = r.bodyText();
    o.put("bodyEncoding", text.isPresent() ? "utf-8" : "base64");
    o.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
    o.put("bodySha256", r.bodySha256().orElse(null));
    o.put("bodyTruncated", r.bodyTruncated());
    VerificationResult v = r.verification().orElse(null);
    if (v == null) {
      o.putNull("verification");
    } else {
      ObjectNode vo = o.putObject("verification");
      vo.put("code", v.code());
      vo.put("detail", v.detail());
      vo.put("keyFingerprint", v.keyFingerprint().orElse(null));
    }
    o.put("verdict", r.verdict());
    o.put("status", r.status());
    return o;
  }
}
