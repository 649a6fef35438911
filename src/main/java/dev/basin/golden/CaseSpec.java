package dev.basin.golden;

import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import java.util.List;
import java.util.Map;

/**
 * One case of a suite (spec GOLDEN-CASES): a net, its data and loss, the probe vectors for the
 * Hessian-vector products, how many extreme eigenvalues to certify, and why the case is there.
 *
 * @param id the case's name (lower-case letters, digits and '-'; also its folder)
 * @param summary one line: what the case tests
 * @param tags kinds of case ("grid", "kink", "scale", …)
 * @param net the net (its activation included)
 * @param loss the loss with its reduction
 * @param data the data
 * @param probes the probe vectors v_j of the hvp_j quantities, each of length N (do not modify)
 * @param top how many of the largest eigenvalues to certify
 * @param bottom how many of the smallest eigenvalues to certify
 * @param explicit whether N is small enough for the certified explicit Hessian (whole spectrum,
 *     Frobenius norm, density; FLAT-EIG-VERIFIED)
 * @param facts facts about the construction, for the manifest (JSON-able values)
 */
public record CaseSpec(String id, String summary, List<String> tags, TwoLayerNet net, Loss loss, Dataset data,
    double[][] probes, int top, int bottom, boolean explicit, Map<String, Object> facts) {

  /** Refuses an id outside [a-z0-9-] (it names a folder and keys answers). */
  public CaseSpec {
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("case id '" + id + "' is not [a-z0-9-]+");
    }
    tags = List.copyOf(tags);
    facts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(facts));
  }

  /** N, the number of parameters. */
  public int numParams() {
    return net.numParams();
  }
}
