package dev.basin.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer's JUnit integration over {@link ReaderTargets}. Without JAZZER_FUZZ (mvn verify) each
 * method runs every input of its committed corpus, tests/resources/dev/basin/fuzz/
 * ReadersFuzzTestInputs/METHOD/ (seeds and any past finding), as a regression test. With
 * JAZZER_FUZZ=1 and -Dtest=ReadersFuzzTest#METHOD it fuzzes that reader for maxDuration;
 * tests/fuzz/run.sh runs the bounded CI run and the long run through Jazzer's command line.
 */
class ReadersFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void npy(byte[] data) {
    ReaderTargets.NpyTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void npz(byte[] data) {
    ReaderTargets.NpzTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void safetensors(byte[] data) {
    ReaderTargets.SafetensorsTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void idx(byte[] data) {
    ReaderTargets.IdxTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void sklearnCsv(byte[] data) {
    ReaderTargets.SklearnCsvTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void nets(byte[] data) {
    ReaderTargets.NetTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void datasets(byte[] data) {
    ReaderTargets.DataTarget.fuzzerTestOneInput(data);
  }

  @FuzzTest(maxDuration = "10s")
  void claims(byte[] data) {
    ReaderTargets.ClaimsTarget.fuzzerTestOneInput(data);
  }
}
