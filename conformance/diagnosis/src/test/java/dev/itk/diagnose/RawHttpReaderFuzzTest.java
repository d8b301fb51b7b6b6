package dev.itk.diagnose;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The raw HTTP reader on any bytes (seeds: this class's Inputs folder in test resources). */
class RawHttpReaderFuzzTest {
  @FuzzTest(maxDuration = FuzzBudget.CI)
  void rawHttp_readsOrNamesTheProblem(byte[] input) {
    ReaderContract.readsOrNamesTheProblem(
        () -> CaptureReaders.rawHttp(input, ReaderContract.SOURCE));
  }
}
