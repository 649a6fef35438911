package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.base.Progress;
import dev.basin.base.Rng;
import dev.basin.compute.Backend;
import dev.basin.compute.ErrorModel;
import dev.basin.compute.Evaluation;
import dev.basin.compute.MatrixProducts;
import dev.basin.compute.Prepared;
import dev.basin.compute.ReferenceBackend;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.Problem;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One invocation makes one forward pass (spec MEASURE-REGISTRY, "the forward pass and the point's
 * cached quantities are shared across all measures"): the default measures, and basin hessian's
 * set, evaluate the objective on the backend exactly once — every other product (HVPs, the
 * explicit Hessian, the diagonal) reuses that evaluation. Counted by a backend that wraps the
 * reference one and counts its evaluations.
 */
class SharedForwardPassTest {

  /** The reference backend, counting Prepared.evaluate calls. */
  static final class Counting implements Backend {
    final AtomicInteger evaluations = new AtomicInteger();

    @Override
    public String name() {
      return "counting-reference";
    }

    @Override
    public ErrorModel errorModel() {
      return ReferenceBackend.INSTANCE.errorModel();
    }

    @Override
    public Prepared prepare(Problem p) {
      Prepared inner = ReferenceBackend.INSTANCE.prepare(p);
      Backend self = this;
      return new Prepared() {
        @Override
        public Problem problem() {
          return inner.problem();
        }

        @Override
        public Backend backend() {
          return self;
        }

        @Override
        public Evaluation evaluate(double[] theta) {
          evaluations.incrementAndGet();
          return inner.evaluate(theta);
        }

        @Override
        public MatrixProducts products() {
          return inner.products();
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }
  }

  private static int evaluationsOf(List<Measure> measures, MeasureSettings settings) {
    Rng r = Rng.of(5);
    TwoLayerNet net = Synthetic.randomNet(3, 4, 2, true, true, Activation.of(Activation.RELU), 1.0, r);
    double[] x = Synthetic.gaussianInputs(12, 3, r);
    Dataset data = Dataset.withTargets(12, 3, x, 2, Synthetic.gaussianInputs(12, 2, r));
    Counting c = new Counting();
    Objective obj = Objective.of(net, new Loss(Loss.HALFSQ, Loss.MEAN), data).withBackend(c);
    Point p = obj.at(net);
    Measures.run(p, settings, measures, Progress.NONE, Measures.Listener.NONE);
    return c.evaluations.get();
  }

  @Test
  void theDefaultMeasuresShareOneForwardPass() {
    assertEquals(1, evaluationsOf(Measures.defaults(), MeasureSettings.defaults()));
  }

  @Test
  void basinHessiansMeasuresShareOneForwardPass() {
    assertEquals(1, evaluationsOf(Measures.HESSIAN, Measures.hessianDefaults()));
  }
}
