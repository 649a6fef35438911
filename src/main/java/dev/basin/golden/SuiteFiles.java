package dev.basin.golden;

/** The names of a suite's files, arrays and formats (spec GOLDEN-FORMAT), in one place. */
public final class SuiteFiles {

  /** The manifest's format tag: the suite format's name and version. */
  public static final String SUITE_FORMAT = "basin-golden-suite/1";
  /** The format tag of a case's expected.json. */
  public static final String EXPECTED_FORMAT = "basin-golden-expected/1";
  /** The format tag of a tool's answers (GOLDEN-ANSWERS). */
  public static final String ANSWERS_FORMAT = "basin-golden-answers/1";
  /** The format tag of a check report (GOLDEN-REPORT). */
  public static final String REPORT_FORMAT = "basin-golden-check/1";

  /** The manifest, written last (a suite without it is incomplete). */
  public static final String MANIFEST = "manifest.json";
  /** The folder of the cases. */
  public static final String CASES = "cases";
  /** The net as .npz with PyTorch state_dict names. */
  public static final String NET_NPZ = "net.npz";
  /** The same net as .safetensors. */
  public static final String NET_SAFETENSORS = "net.safetensors";
  /** X and y or Y. */
  public static final String DATA = "data.npz";
  /** The probe vectors v0, v1, … of the hvp quantities. */
  public static final String PROBES = "probes.npz";
  /** The density's grid in probes.npz. */
  public static final String DENSITY_GRID = "density_grid";
  /** The certified answers' metadata and scalars. */
  public static final String EXPECTED = "expected.json";
  /** The certified answers' vectors. */
  public static final String EXPECTED_ARRAYS = "expected.npz";

  /** PyTorch nn.Sequential(Linear, act, Linear) state_dict names (IO-NET). */
  public static final String W1 = "0.weight";
  public static final String B1 = "0.bias";
  public static final String W2 = "2.weight";
  public static final String B2 = "2.bias";

  private SuiteFiles() {}

  /** The folder of a case, relative to the suite. */
  public static String caseDir(String id) {
    return CASES + "/" + id;
  }

  /** The array of a vector quantity's field in expected.npz ("gradient.lo"). */
  public static String array(String quantity, String field) {
    return quantity + "." + field;
  }

  /** The probe array name of hvp_j. */
  public static String probe(int j) {
    return "v" + j;
  }
}
