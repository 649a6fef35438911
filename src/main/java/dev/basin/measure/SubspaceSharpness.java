package dev.basin.measure;

import dev.basin.base.Finding;
import java.util.List;
import java.util.Set;

/**
 * Keskar et al.'s box sharpness in a random p-dimensional subspace (spec FLAT-SHARP-KESKAR): a
 * certified lower bound on the maximum over the subspace box (up to rounding off the subspace).
 */
public final class SubspaceSharpness extends Registered {

  /** Default subspace dimension (Keskar et al.'s random-subspace experiments). */
  public static final int DEFAULT_DIMENSION = 100;

  /** --subspace-dim. */
  public static final MeasureOption<Integer> DIMENSION = MeasureOption.atLeast("--subspace-dim", DEFAULT_DIMENSION, 1,
      "P", "Dimension p of Keskar's random subspace.");

  /** The measure. */
  public static final SubspaceSharpness INSTANCE = new SubspaceSharpness();

  private SubspaceSharpness() {
    super("subspace", "Keskar box sharpness in a random p-dimensional subspace (certified lower bound)",
        "FLAT-SHARP-KESKAR, FLAT-SHARP-ASCENT",
        List.of(SharpnessMeasure.KESKAR_EPSILON, DIMENSION, SharpnessMeasure.RESTARTS, SharpnessMeasure.STEPS,
            CommonOptions.SEED),
        Set.of(Need.FORWARD_PASS, Need.OTHER_POINTS, Need.HVP),
        "restarts x (steps + 1) gradients, an N x p basis (8 N p bytes) and a Lanczos run", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    return SharpnessMeasure.result(Sharpness.keskarSubspace(c.objective(), c.theta(),
        c.get(SharpnessMeasure.KESKAR_EPSILON), c.get(DIMENSION), SharpnessMeasure.options(c)));
  }
}
