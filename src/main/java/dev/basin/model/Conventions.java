package dev.basin.model;

import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import java.util.Locale;

/**
 * Names of activations, losses and reductions as they appear on the command line, in files and
 * in reports (spec NET-ACT, NET-LOSS), and their one-line definitions.
 */
public final class Conventions {

  private Conventions() {}

  /** Activation names accepted by {@link #activation}. */
  public static final String ACTIVATIONS = "relu, leaky_relu[:slope] (default slope 0.01), tanh, sigmoid, softplus, identity";

  /** Loss names accepted by {@link #loss}. */
  public static final String LOSSES = "halfsq, mse, ce, logistic";

  /** Parses an activation name such as {@code relu} or {@code leaky_relu:0.1}. */
  public static Activation activation(String name) {
    String s = name.trim().toLowerCase(Locale.ROOT);
    if (s.equals("leaky_relu") || s.startsWith("leaky_relu:")) {
      double slope = 0.01;
      if (s.indexOf(':') >= 0) {
        String v = s.substring(s.indexOf(':') + 1);
        try {
          slope = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new InvalidInputException("activation", "bad leaky_relu slope '" + v + "'");
        }
      }
      if (!(Math.abs(slope) < 1e300)) {
        throw new InvalidInputException("activation", "leaky_relu slope must be finite, got " + slope);
      }
      return Activation.leakyRelu(slope);
    }
    return switch (s) {
      case "relu" -> Activation.of(Activation.RELU);
      case "tanh" -> Activation.of(Activation.TANH);
      case "sigmoid" -> Activation.of(Activation.SIGMOID);
      case "softplus" -> Activation.of(Activation.SOFTPLUS);
      case "identity", "linear" -> Activation.of(Activation.IDENTITY);
      default -> throw new InvalidInputException("activation", "unknown '" + name + "'; expected one of " + ACTIVATIONS);
    };
  }

  /** The canonical name of an activation ({@code leaky_relu:0.01} carries its slope). */
  public static String name(Activation a) {
    return switch (a.kind()) {
      case Activation.RELU -> "relu";
      case Activation.LEAKY_RELU -> "leaky_relu:" + a.slope();
      case Activation.TANH -> "tanh";
      case Activation.SIGMOID -> "sigmoid";
      case Activation.SOFTPLUS -> "softplus";
      default -> "identity";
    };
  }

  /** Parses a loss name and a reduction name ({@code mean} or {@code sum}). */
  public static Loss loss(String name, String reduction) {
    int kind = switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "halfsq" -> Loss.HALFSQ;
      case "mse" -> Loss.MSE;
      case "ce", "cross_entropy" -> Loss.CE;
      case "logistic", "bce" -> Loss.LOGISTIC;
      default -> throw new InvalidInputException("loss", "unknown '" + name + "'; expected one of " + LOSSES);
    };
    int red = switch (reduction.trim().toLowerCase(Locale.ROOT)) {
      case "mean" -> Loss.MEAN;
      case "sum" -> Loss.SUM;
      default -> throw new InvalidInputException("reduction", "unknown '" + reduction + "'; expected mean or sum");
    };
    return new Loss(kind, red);
  }

  /** The canonical name of a loss kind. */
  public static String name(Loss l) {
    return switch (l.kind()) {
      case Loss.HALFSQ -> "halfsq";
      case Loss.MSE -> "mse";
      case Loss.CE -> "ce";
      default -> "logistic";
    };
  }

  /** The canonical name of a loss's reduction. */
  public static String reductionName(Loss l) {
    return l.reduction() == Loss.SUM ? "sum" : "mean";
  }

  /** The loss written out as a formula, with its reduction (for reports). */
  public static String formula(Loss l) {
    boolean mean = l.reduction() == Loss.MEAN;
    return switch (l.kind()) {
      case Loss.HALFSQ -> (mean ? "(1/n)" : "") + " sum_i 1/2 ||f(x_i) - y_i||^2";
      case Loss.MSE -> (mean ? "(1/(n k))" : "") + " sum_i ||f(x_i) - y_i||^2";
      case Loss.CE -> (mean ? "(1/n)" : "") + " sum_i [logsumexp(f(x_i)) - f(x_i)_{y_i}]";
      default -> (mean ? "(1/n)" : "") + " sum_i [softplus(f(x_i)) - y_i f(x_i)]";
    };
  }

  /**
   * The conventions every report that evaluates a loss carries (spec/cli.md): loss and its formula,
   * reduction, activation, σ' at kinks, parameter order and layout, backend.
   */
  public static Findings findings(Objective o) {
    return Findings.builder()
        .text("loss", name(o.loss()))
        .text("reduction", reductionName(o.loss()))
        .text("loss_formula", formula(o.loss()))
        .text("activation", name(o.activation()))
        .text("activation_derivative_at_kink", "relu'(0) = 0, leaky_relu'(0) = slope; sigma'' = 0 for piecewise-linear")
        .text("parameter_order", "theta = (W1 row-major, b1, W2 row-major, b2), PyTorch nn.Linear layout")
        .text("layout", TwoLayerNet.describe(o.layout()))
        .text("backend", o.backend().name())
        .text("spec", "spec/network.md NET-LOSS, NET-PARAM-ORDER, NET-ACT")
        .build();
  }
}
