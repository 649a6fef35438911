package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;

/**
 * The standard tasks of spec/claims.md: TEACHER-CLS (Gaussian inputs labelled by a random teacher
 * net) or, when the run uses real data, that data's split.
 */
final class Tasks {

  /** TEACHER-CLS input dimension. */
  static final int D = 20;
  /** TEACHER-CLS teacher width and scale (spec/claims.md). */
  private static final int TEACHER_H = 8;
  private static final double TEACHER_SCALE = 2.0;

  private Tasks() {}

  /**
   * The classifier head of a labelled split: C = max(classes, 2) classes; one logit with the
   * logistic loss for C = 2, C logits with softmax cross-entropy otherwise (mean reduction).
   */
  record Head(int classes, int outputs, Loss loss) {
    static Head of(RealData.Split split) {
      int c = Math.max(split.classes(), 2);
      int out = c == 2 ? 1 : c;
      return new Head(c, out, new Loss(out == 1 ? Loss.LOGISTIC : Loss.CE, Loss.MEAN));
    }

    /** "logistic loss" or "softmax cross-entropy", for notes. */
    String lossName() {
      return outputs == 1 ? "logistic loss" : "softmax cross-entropy";
    }
  }

  /** The classification split of a claim: the run's real data, or TEACHER-CLS with k classes. */
  static RealData.Split classification(ClaimContext ctx, String claimId, int k) {
    RealData.Split real = ctx.data().split();
    if (real != null) {
      return real;
    }
    return teacherCls(ctx, claimId, k, ctx.size(150, 400), ctx.size(500, 2000));
  }

  /**
   * TEACHER-REG (spec/claims.md): x ~ N(0, I_5), Y = f(x) + noise·ξ for a random 5-4-1 tanh teacher
   * at scale 1.5 (DATA-TEACHER).
   */
  static RealData.Split teacherReg(ClaimContext ctx, String claimId, int nTrain, int nTest, double noise) {
    Rng r = ctx.rng(claimId, "teacher-reg");
    TwoLayerNet teacher = Synthetic.randomNet(5, 4, 1, true, true, Activation.of(Activation.TANH), 1.5, r);
    Dataset train = Synthetic.teacherRegression(teacher, nTrain, noise, r);
    Dataset test = Synthetic.teacherRegression(teacher, nTest, noise, r);
    return new RealData.Split(train, test, 0, "TEACHER-REG: x ~ N(0, I_5), y = f(x) + " + noise + " N(0, 1) for a random 5-4-1 "
        + "tanh teacher (scale 1.5), " + nTrain + " train / " + nTest + " test rows, seed stream " + claimId + "/teacher-reg");
  }

  /** TEACHER-CLS: x ~ N(0, I_20), labels = argmax of a random 20-8-k relu teacher at scale 2. */
  static RealData.Split teacherCls(ClaimContext ctx, String claimId, int k, int nTrain, int nTest) {
    Rng r = ctx.rng(claimId, "teacher-cls");
    TwoLayerNet teacher = Synthetic.randomNet(D, TEACHER_H, k, true, true, Activation.of(Activation.RELU), TEACHER_SCALE, r);
    Dataset train = Synthetic.teacherClassification(teacher, nTrain, r);
    Dataset test = Synthetic.teacherClassification(teacher, nTest, r);
    return new RealData.Split(train, test, Math.max(2, k), "TEACHER-CLS: x ~ N(0, I_" + D + "), labels = argmax of a random "
        + D + "-" + TEACHER_H + "-" + k + " relu teacher (scale " + TEACHER_SCALE + "), " + nTrain + " train / " + nTest
        + " test rows, seed stream " + claimId + "/teacher-cls");
  }
}
