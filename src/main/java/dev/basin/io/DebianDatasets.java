package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Real data sets extracted from pinned Debian packages (spec DATA-REAL): {@code apt-get download}
 * of one exact package version, its sha256 checked, unpacked with {@code dpkg-deb -x}, and every
 * extracted file's sha256 checked before it is copied into basin's data directory. Nothing else
 * is downloaded at run time.
 */
public final class DebianDatasets {

  /** One data file inside a package, with its pinned digest. */
  public record PinnedFile(String pathInPackage, String fileName, String sha256) {}

  /** A data set: the package version that ships it and the files basin uses. */
  public record Pinned(String dataset, String pkg, String version, String debSha256, List<PinnedFile> files) {}

  private static final String SK = "usr/lib/python3/dist-packages/sklearn/datasets/data/";
  private static final String FM = "usr/share/datasets/fashion-mnist/";

  /** The data sets basin can fetch (Debian 12 "bookworm" versions). */
  public static final List<Pinned> CATALOG = List.of(
      new Pinned("digits", "python3-sklearn", "1.2.1+dfsg-1",
          "ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58",
          List.of(new PinnedFile(SK + "digits.csv.gz", "digits.csv.gz",
              "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"))),
      new Pinned("breast-cancer", "python3-sklearn", "1.2.1+dfsg-1",
          "ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58",
          List.of(new PinnedFile(SK + "breast_cancer.csv", "breast_cancer.csv",
              "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed"))),
      new Pinned("fashion-mnist", "dataset-fashion-mnist", "0.0~git20200523.55506a9-1",
          "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0",
          List.of(
              new PinnedFile(FM + "train-images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz",
                  "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
              new PinnedFile(FM + "train-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz",
                  "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
              new PinnedFile(FM + "t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                  "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
              new PinnedFile(FM + "t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                  "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"))));

  /** Where Debian's dataset-fashion-mnist package installs its files. */
  public static final Path SYSTEM_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private DebianDatasets() {}

  /** The catalog entry of a data set name. */
  public static Pinned pinned(String dataset) {
    for (Pinned p : CATALOG) {
      if (p.dataset().equals(dataset.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new InvalidInputException("dataset", "unknown '" + dataset + "'; basin knows digits, breast-cancer, fashion-mnist");
  }

  /** basin's data directory: $BASIN_DATA, else ~/.cache/basin/data. */
  public static Path dataDir() {
    String env = System.getenv("BASIN_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "basin", "data");
  }

  /**
   * The directory holding a data set's files, if they are present and their digests match (the
   * system Fashion-MNIST install counts), else an error saying how to get them.
   */
  public static Path locate(Pinned p, Path dir) {
    if (p.dataset().equals("fashion-mnist") && verified(p, SYSTEM_FASHION_MNIST)) {
      return SYSTEM_FASHION_MNIST;
    }
    Path d = dir.resolve(p.dataset());
    if (verified(p, d)) {
      return d;
    }
    throw new InvalidInputException(p.dataset(), "not found (or digests differ) in " + d
        + "; run 'bin/basin data fetch " + p.dataset() + "' (uses apt-get download of " + p.pkg() + "=" + p.version()
        + ") or pass a path");
  }

  private static boolean verified(Pinned p, Path d) {
    for (PinnedFile f : p.files()) {
      Path file = d.resolve(f.fileName());
      if (!Files.isRegularFile(file) || !sha256(file).equals(f.sha256())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Downloads the pinned package with apt-get, checks digests, and installs the data files under
   * dir/&lt;dataset&gt;/. Returns that directory. Progress lines go to log.
   */
  public static Path fetch(Pinned p, Path dir, java.io.PrintWriter log) {
    Path target = dir.resolve(p.dataset());
    if (verified(p, target)) {
      log.println(p.dataset() + ": already present in " + target);
      return target;
    }
    Path work = null;
    try {
      Files.createDirectories(dir);
      work = Files.createTempDirectory(dir, ".fetch-");
      log.println(p.dataset() + ": apt-get download " + p.pkg() + "=" + p.version());
      run(work, List.of("apt-get", "download", p.pkg() + "=" + p.version()));
      Path deb;
      try (var files = Files.list(work)) {
        deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst()
            .orElseThrow(() -> new InvalidInputException(p.pkg(), "apt-get download produced no .deb"));
      }
      String got = sha256(deb);
      if (!got.equals(p.debSha256())) {
        throw new InvalidInputException(deb.toString(), "sha256 " + got + " differs from the pinned " + p.debSha256());
      }
      Path x = work.resolve("x");
      run(work, List.of("dpkg-deb", "-x", deb.toString(), x.toString()));
      Path staging = work.resolve("staging");
      Files.createDirectories(staging);
      for (PinnedFile f : p.files()) {
        Path src = x.resolve(f.pathInPackage());
        if (!Files.isRegularFile(src) || !sha256(src).equals(f.sha256())) {
          throw new InvalidInputException(p.pkg(), f.pathInPackage() + " is missing or its sha256 differs from the pin");
        }
        Files.copy(src, staging.resolve(f.fileName()));
      }
      if (Files.exists(target)) {
        try (var old = Files.list(target)) {
          for (Path o : (Iterable<Path>) old::iterator) {
            Files.delete(o);
          }
        }
        Files.delete(target);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      log.println(p.dataset() + ": verified and installed in " + target);
      return target;
    } catch (IOException e) {
      throw new InvalidInputException(p.dataset(), "fetch failed: " + e.getMessage(), e);
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  private static void run(Path cwd, List<String> cmd) throws IOException {
    Process pr = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (!pr.waitFor(600, TimeUnit.SECONDS) || pr.exitValue() != 0) {
        throw new InvalidInputException(String.join(" ", cmd), "failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Hex sha256 of a file. */
  public static String sha256(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
          md.update(buf, 0, r);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static void deleteTree(Path p) {
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover hidden temporary directory does not affect results
    }
  }
}
