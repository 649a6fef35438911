package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Reported;
import dev.basin.base.Vectors;
import java.util.List;
import java.util.Set;

/** ‖∇L(θ)‖₂, exact up to rounding (spec NET-GRAD): how far the point is from stationary. */
public final class GradientNorm extends Registered {

  /** The measure. */
  public static final GradientNorm INSTANCE = new GradientNorm();

  private GradientNorm() {
    super("grad-norm", "gradient norm ||grad L||_2 (how far from a stationary point)", "NET-GRAD", List.of(),
        Set.of(Need.FORWARD_PASS), "one backward pass over the shared forward pass", true);
  }

  @Override
  public Finding run(MeasureContext c) {
    return Reported.exact(Vectors.norm(c.point().gradient()), "NET-GRAD", "||grad L||_2, binary64");
  }
}
