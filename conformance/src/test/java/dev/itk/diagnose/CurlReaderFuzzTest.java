package dev.itk.diagnose;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The curl command reader on any text (seeds: this class's Inputs folder in test resources). */
class CurlReaderFuzzTest {
  @FuzzTest(maxDuration = FuzzBudget.CI)
  void curl_readsOrNamesTheProblem(byte[] input) {
    String command = new String(input, StandardCharsets.UTF_8);
    // --data-binary @FILE reads the file the command names: that is the reader's job, not a path
    // traversal. Only regular files up to 64 MiB are read (never /dev/zero or a pipe).
    try (SilentCloseable anyPath = BugDetectors.setFilePathTraversalAllowPath(path -> true)) {
      ReaderContract.readsOrNamesTheProblem(
          () -> CaptureReaders.curl(command, ReaderContract.SOURCE));
    }
  }
}
