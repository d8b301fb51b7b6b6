package dev.itk.stub.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.signing.VerificationResult;
import dev.itk.stub.RecordedRequest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every request the stub answered, in order of arrival, and its JSON form ({@code
 * docs/stub.md#the-record}). Thread-safe.
 */
public final class RequestLog {
  /** The value of the record's {@code format} field; changes only with an incompatible format. */
  public static final String FORMAT = "itk-stub-record/1";

  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentSkipListMap<Long, RecordedRequest> records =
      new ConcurrentSkipListMap<>();
  private final Consumer<RecordedRequest> listener;

  RequestLog(Consumer<RecordedRequest> listener) {
    this.listener = listener;
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  void add(RecordedRequest record) {
    records.put(record.sequence(), record);
    listener.accept(record);
  }

  /** A snapshot, in order of arrival. */
  public List<RecordedRequest> all() {
    return List.copyOf(records.values());
  }

  /** Forgets every record; sequence numbers keep counting. */
  public int clear() {
    int n = records.size();
    records.clear();
    return n;
  }

  /** The record as JSON: {@code {"format": ..., "requests": [...]}}. */
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
    for (RecordedRequest.Header h : r.headers()) {
      headers.addArray().add(h.name()).add(h.value());
    }
    byte[] body = r.body();
    o.put("bodyLength", body.length);
    var text = r.bodyText();
    o.put("bodyEncoding", text.isPresent() ? "utf-8" : "base64");
    o.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
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
