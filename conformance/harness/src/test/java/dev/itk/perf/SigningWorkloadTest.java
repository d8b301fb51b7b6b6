package dev.itk.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.ExternalTools;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestSigner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's two messages: a vector as is, and a vector grown to 4 KiB. */
class SigningWorkloadTest {
  private static final List<VectorFile> FILES = VectorSet.loadAll(VectorSet.defaultDirectory());

  private static Vector vector(String id) {
    return VectorSet.find(FILES, id).orElseThrow();
  }

  @Test
  void defaults_areTheCreateNoteVectorAsIs_andACreateIssueOf4KiB() {
    List<SigningWorkload> w = SigningWorkload.defaults(FILES);

    assertThat(w).extracting(SigningWorkload::name).containsExactly("306 B", "4 KiB");
    assertThat(w.get(0).input()).isEqualTo(vector(SigningWorkload.SMALL_VECTOR).input());
    assertThat(w.get(0).vectorSignature())
        .contains(vector(SigningWorkload.SMALL_VECTOR).expected().signature());
    assertThat(w.get(1).messageLength()).isEqualTo(4096);
    assertThat(w.get(1).vectorSignature()).isEmpty();
    assertThat(w.get(1).input().body())
        .as("still the issue's JSON, with a longer description")
        .startsWith(vector(SigningWorkload.LARGE_VECTOR).input().body().substring(0, 40))
        .contains("\"Description\":\"The customer called again");
  }

  @Test
  void protocolInput_leavesOutAbsentFields() {
    assertThat(SigningWorkload.defaults(FILES).get(1).protocolInput().fieldNames())
        .toIterable()
        .containsExactly("key", "method", "requestId", "timestamp", "path", "query", "body");
  }

  /**
   * The grown message has no vector expectation; the reference's signature of it is the bench's
   * expectation, so OpenSSL confirms it independently.
   */
  @Test
  void grownWorkload_referenceSignature_isOpenssls() {
    SigningWorkload w = SigningWorkload.defaults(FILES).get(1);
    byte[] message = w.input().toCanonicalMessage().toBytes();

    assertThat(
            RequestSigner.create(ApiKey.of(w.input().key()))
                .sign(w.input().toCanonicalMessage())
                .signature())
        .isEqualTo(ExternalTools.opensslHmacSha512(w.input().key(), message));
  }
}
