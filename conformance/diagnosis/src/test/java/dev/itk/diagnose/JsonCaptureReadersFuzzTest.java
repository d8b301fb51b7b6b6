package dev.itk.diagnose;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The HAR and stub-record readers, and the format detection in front of them, on any bytes (seeds:
 * this class's Inputs folder in test resources, HAR files and stub records).
 */
class JsonCaptureReadersFuzzTest {
  @FuzzTest(maxDuration = FuzzBudget.CI)
  void harAndRecord_readOrNameTheProblem(byte[] input) {
    ReaderContract.readsOrNamesTheProblem(
        () -> CaptureReaders.har(input, ReaderContract.SOURCE, null));
    ReaderContract.readsOrNamesTheProblem(
        () -> CaptureReaders.stubRecord(input, ReaderContract.SOURCE, null));
    ReaderContract.readsOrNamesTheProblem(
        () -> CaptureReaders.detect(input, ReaderContract.SOURCE));
  }
}
