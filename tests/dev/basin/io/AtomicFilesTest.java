package dev.basin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atomic writer never replaces what is not a regular file it owns (issue 15 defect 1): a
 * symbolic link is followed and its target replaced, a FIFO and /dev/null are streamed to and stay
 * what they were, modes are kept, new files honour the umask, and temporary files of killed runs
 * are removed. Each test failed on the writer before issue 15 (which renamed a 0600 temporary
 * file over whatever was at the path). Runs as any user, root included (CI): only files in a
 * temporary directory are created, and /dev/null is only written to.
 */
class AtomicFilesTest {

  @TempDir
  Path dir;

  private static final byte[] DATA = "{\"x\": 1}\n".getBytes(StandardCharsets.UTF_8);

  private static Set<PosixFilePermission> mode(Path p) throws IOException {
    return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** The process umask as the shell reports it (independent of Java's file creation). */
  private static int umask() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return Integer.parseInt(s, 8);
  }

  private static Set<PosixFilePermission> bits(int mode) {
    StringBuilder sb = new StringBuilder();
    String rwx = "rwx";
    for (int i = 8; i >= 0; i--) {
      sb.append((mode >> i & 1) != 0 ? rwx.charAt(2 - i % 3) : '-');
    }
    return PosixFilePermissions.fromString(sb.toString());
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(AtomicFiles.TMP_SUFFIX)).toList();
    }
  }

  @Test
  void newFilesHonourTheUmask() throws Exception {
    Path out = dir.resolve("new.json");
    AtomicFiles.write(out, DATA);
    assertArrayEquals(DATA, Files.readAllBytes(out));
    assertEquals(bits(0666 & ~umask()), mode(out));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void existingModesAreKept() throws Exception {
    Path out = dir.resolve("kept.json");
    Files.writeString(out, "old");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.write(out, DATA);
    assertArrayEquals(DATA, Files.readAllBytes(out));
    assertEquals(PosixFilePermissions.fromString("rw-r-----"), mode(out));
  }

  @Test
  void symlinksAreFollowedAndStayLinks() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real")).resolve("target.json");
    Files.writeString(real, "old");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
    Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, Path.of("real/target.json")); // relative to the link's directory
    Path chain = dir.resolve("chain.json");
    Files.createSymbolicLink(chain, link);
    AtomicFiles.write(chain, DATA);
    assertTrue(Files.isSymbolicLink(chain) && Files.isSymbolicLink(link));
    assertArrayEquals(DATA, Files.readAllBytes(real));
    assertEquals(PosixFilePermissions.fromString("rw-rw-r--"), mode(real));
    assertTrue(AtomicFiles.sameTarget(chain, real));
  }

  @Test
  void aDanglingLinkGetsItsTargetCreated() throws Exception {
    Path link = dir.resolve("dangling.json");
    Files.createSymbolicLink(link, dir.resolve("made.json"));
    AtomicFiles.write(link, DATA);
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("made.json")));
  }

  @Test
  void aLinkLoopIsRefused() throws Exception {
    Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.write(dir.resolve("a"), DATA));
    assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
  }

  @Test
  void aFifoIsStreamedToAndStaysAFifo() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      AtomicFiles.write(fifo, DATA);
      assertArrayEquals(DATA, reader.get(30, TimeUnit.SECONDS));
      assertTrue(Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
          "the FIFO was replaced");
    } finally {
      if (!reader.isDone() && Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
        try (OutputStream unblock = Files.newOutputStream(fifo)) {
          unblock.flush(); // lets a reader that was left waiting finish
        }
      }
    }
    assertEquals(List.of(), leftovers());
  }

  @Test
  void devNullIsWrittenToAndStaysADevice() throws Exception {
    Path devNull = Path.of("/dev/null");
    AtomicFiles.write(devNull, DATA);
    PosixFileAttributes a = Files.readAttributes(devNull, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    assertTrue(a.isOther() && !a.isRegularFile(), "/dev/null is no longer a device");
    assertEquals(0, Files.size(devNull));
  }

  @Test
  void descriptorsAreStreamTargets() throws Exception {
    // /dev/stdout is a link to /proc/self/fd/1: the chain stops there, whatever fd 1 is
    assertEquals(Path.of("/dev/stdout"), AtomicFiles.target(Path.of("/dev/stdout")));
  }

  @Test
  void aDirectoryIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.write(dir, DATA));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void temporaryFilesOfKilledRunsAreRemoved() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertEquals(0, gone.waitFor());
    long deadPid = gone.pid();
    Path stale = dir.resolve(".out.json." + deadPid + ".abc" + AtomicFiles.TMP_SUFFIX);
    Path live = dir.resolve(".out.json." + ProcessHandle.current().pid() + ".def" + AtomicFiles.TMP_SUFFIX);
    Path other = dir.resolve(".other.json." + deadPid + ".ghi" + AtomicFiles.TMP_SUFFIX);
    for (Path p : List.of(stale, live, other)) {
      Files.writeString(p, "partial");
    }
    AtomicFiles.write(dir.resolve("out.json"), DATA);
    assertFalse(Files.exists(stale), "the killed run's temporary file is still there");
    assertTrue(Files.exists(live), "a running process's temporary file was removed");
    assertTrue(Files.exists(other), "another target's temporary file was touched");
  }
}
