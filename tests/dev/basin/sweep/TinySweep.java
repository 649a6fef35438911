package dev.basin.sweep;

/** The small sweep the tests run: 8 tasks of a few hundred SGD steps each (seconds in all). */
final class TinySweep {

  private TinySweep() {}

  static final String SPEC = """
      {"name": "tiny", "seed": 7,
       "data": {"source": "teacher-cls", "d": 6, "n_train": 60, "n_test": 200, "label_noise": [0.0, 0.2]},
       "net": {"width": [3, 6], "activation": "relu"},
       "train": {"optimizer": "sgd", "lr": 0.05, "batch": 10, "momentum": 0.9, "steps": 300, "eval_every": 25, "seed": [1, 2]},
       "measures": ["params", "trace", "fmin", "lambda_max", "frobenius", "wu_complexity", "sharpness_keskar"],
       "bounds": ["BOUND-BFT-SPECTRAL", "JIANG-PATH-NORM", "JIANG-PACBAYES-FLATNESS"],
       "analysis": {"bootstrap": 200}}
      """;

  static SweepSpec spec() {
    return SweepSpec.parse(SPEC, "tiny spec");
  }
}
