package dev.basin.compute;

/**
 * A backend as the registry ({@link Backends}) sees it, found through {@link java.util.ServiceLoader}
 * (META-INF/services/dev.basin.compute.BackendProvider): its name, whether this machine can run it,
 * and where {@code --backend auto} should prefer it. Implementations are stateless and cheap to
 * construct; {@link #availability()} may probe the machine (e.g. load a driver) and is called only
 * when the answer is needed.
 */
public interface BackendProvider {

  /** The name {@code --backend} takes. */
  String name();

  /** One line for {@code --backend list}. */
  String description();

  /** Whether this machine can run it, and if not, why (one line). Never throws. */
  Availability availability();

  /**
   * The rank among backends that {@code auto} may choose (higher is faster where it applies), or
   * {@link #NEVER_AUTO} for backends only run on request (e.g. an emulator).
   */
  int autoRank();

  /** The parameter count N from which {@code auto} may choose it (its fixed costs pay off). */
  long autoMinParams();

  /** Whether it is the reference kernel itself (the proved oracle), which exact output asks for. */
  default boolean oracle() {
    return false;
  }

  /**
   * A new backend.
   *
   * @param threads CPU threads it may use (≥ 1; results never depend on it)
   * @throws dev.basin.base.InvalidInputException if it is not available here
   */
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
    public static Availability yes(String detail) {
      return new Availability(true, detail);
    }

    /** Not available, for the reason given. */
    public static Availability no(String reason) {
      return new Availability(false, reason);
    }
  }
}
