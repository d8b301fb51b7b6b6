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
    // As itk reads a pasted command by default: files refused (CurlFiles.REFUSE). So no path may
    // be touched at all: any file access the path-traversal detector sees is a finding.
    try (SilentCloseable noPath = BugDetectors.setFilePathTraversalAllowPath(path -> false)) {
      ReaderContract.readsOrNamesTheProblem(
          () ->
              CaptureReaders.curl(command, ReaderContract.SOURCE, CaptureReaders.CurlFiles.REFUSE));
    }
  }
}
