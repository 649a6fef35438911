package dev.basin.compute;

/**
 * A backend as the registry ({@link Backends}) sees it, found through {@link java.util.ServiceLoader}
 * (META-INF/services/dev.basin.compute.BackendProvider): its name, whether this machine can run it,
 * and where {@code --backend auto} should prefer it. Implementations are stateless and cheap to
 * construct; {@link #availability()} may probe the machine (e.g. load a driver) and is called only
 * when the answer is needed.
 */
public interface BackendProvider {

  /** The name {@code --backend} takes (lower case, no spaces). */
  /*@ public normal_behavior
    @ ensures \result != null && !\result.isEmpty() && (* lower case, no white space *);
    @ pure
    @*/
  String name();

  /** One line for {@code --backend list}. */
  /*@ public normal_behavior
    @ ensures \result != null && \result.indexOf('\n') < 0;
    @ pure
    @*/
  String description();

  /** Whether this machine can run it, and if not, why (one line). Never throws. */
  /*@ public normal_behavior
    @ ensures \result != null && \result.detail() != null;
    @ assignable \nothing;
    @*/
  Availability availability();

  /**
   * The rank among backends that {@code auto} may choose (higher is faster where it applies), or
   * {@link #NEVER_AUTO} for backends only run on request (e.g. an emulator).
   */
  /*@ public normal_behavior
    @ ensures \result >= 0 || \result == NEVER_AUTO;
    @ pure
    @*/
  int autoRank();

  /** The parameter count N from which {@code auto} may choose it (its fixed costs pay off). */
  /*@ public normal_behavior
    @ ensures \result >= 0;
    @ pure
    @*/
  long autoMinParams();

  /** Whether it is the reference kernel itself (the proved oracle), which exact output asks for. */
  /*@ public normal_behavior
    @ ensures (* true only for the reference kernel's provider *);
    @ pure
    @*/
  default boolean oracle() {
    return false;
  }

  /**
   * A new backend.
   *
   * @param threads CPU threads it may use (≥ 1; results never depend on it)
   * @throws dev.basin.base.InvalidInputException if it is not available here
   */
  /*@ public normal_behavior
    @ requires threads >= 1 && availability().available();
    @ ensures \result != null && \result.name().equals(name());
    @ ensures (* \result is fresh, or a shared stateless instance whose close() releases nothing *);
    @ also public exceptional_behavior
    @ requires threads >= 1 && !availability().available();
    @ signals_only dev.basin.base.InvalidInputException;
    @*/
  Backend create(int threads);

  /** {@link #autoRank()} of a backend that auto never picks. */
  int NEVER_AUTO = -1;

  /**
   * Whether a backend can run on this machine.
   *
   * @param available whether it can
   * @param detail what it runs on (e.g. the device's name) or why it cannot (e.g. "libcuda.so.1 not
   *     found")
   */
  record Availability(boolean available, String detail) {

    /** Available, running on what detail says. */
    /*@ public normal_behavior
      @ requires detail != null;
      @ ensures \result.available() && \result.detail() == detail;
      @ pure
      @*/
    public static Availability yes(String detail) {
      return new Availability(true, detail);
    }

    /** Not available, for the reason given. */
    /*@ public normal_behavior
      @ requires reason != null;
      @ ensures !\result.available() && \result.detail() == reason;
      @ pure
      @*/
    public static Availability no(String reason) {
      return new Availability(false, reason);
    }
  }
}
