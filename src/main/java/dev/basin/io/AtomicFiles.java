package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes a file completely or not at all (spec IO-ATOMIC), and never anything but the file named:
 * <ul>
 *   <li>a regular file (or a new one) is written to a temporary file in its directory, forced to
 *       disk and renamed over it atomically: a crash leaves the old file or the new one, never a
 *       partial one. An existing file keeps its permission bits (and, where allowed, its owner);
 *       a new file gets 0666 less the umask, like any other program's output;
 *   <li>a symbolic link is followed (a chain too) and its final target replaced atomically; the
 *       link stays a link;
 *   <li>anything else that exists (/dev/null, /dev/stdout, a terminal, a FIFO) is streamed to,
 *       never replaced: {@code --json /dev/stdout} and a FIFO are the documented ways to pipe
 *       output into another program. Such a write is not atomic (a stream has no "old file");
 *       /dev/stdout, /dev/fd/N and /proc/self/fd/N always stream, even when they lead to a regular
 *       file, because the shell holds that file open;
 *   <li>a directory at the target is refused.
 * </ul>
 * Temporary files are named {@code .NAME.PID.RANDOM.basin-tmp}; one left behind by a killed run
 * (its process gone) is deleted by the next write of the same target.
 */
public final class AtomicFiles {

  /** Suffix of temporary files: a name no other program uses, so cleaning up touches only basin's. */
  static final String TMP_SUFFIX = ".basin-tmp";
  /** Longest symbolic-link chain followed (Linux's own limit, MAXSYMLINKS). */
  private static final int MAX_LINKS = 40;

  private AtomicFiles() {}

  /** Writes bytes (not modified) to path: atomically for a regular file, streamed otherwise. */
  public static void write(Path path, byte[] bytes) {
    String name = path.toString();
    try {
      Path target = target(path);
      if (isStream(target) || (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target))) {
        stream(target, bytes);
        return;
      }
      if (Files.isDirectory(target)) {
        throw new InvalidInputException(name, "is a directory");
      }
      replace(target, bytes);
    } catch (IOException e) {
      throw new InvalidInputException(name, "cannot write: " + reason(e), e);
    }
  }

  /** Writes text as UTF-8, like {@link #write}. */
  public static void writeString(Path path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The file a write to {@code path} ends up in: the path itself, or the final target of the
   * symbolic links at it (a dangling link's target is created, as a shell's {@code >} would). A
   * link into /dev/fd or /proc/PID/fd stops the chain: those are streamed to.
   */
  public static Path target(Path path) throws IOException {
    Path p = path.toAbsolutePath().normalize();
    for (int hops = 0; Files.isSymbolicLink(p) && !isStream(p); hops++) {
      if (hops >= MAX_LINKS) {
        throw new IOException("too many levels of symbolic links");
      }
      Path link = Files.readSymbolicLink(p);
      Path dir = p.getParent();
      p = (dir == null ? link : dir.resolve(link)).toAbsolutePath().normalize();
    }
    return p;
  }

  /** Whether two output paths name the same file (after links), e.g. --net-out X --data-out X. */
  public static boolean sameTarget(Path a, Path b) {
    try {
      Path ta = target(a);
      Path tb = target(b);
      return ta.equals(tb) || (Files.exists(ta) && Files.exists(tb) && Files.isSameFile(ta, tb));
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** /dev/stdout, /dev/stderr, /dev/fd/N, /proc/PID/fd/N: descriptors the caller holds open. */
  private static boolean isStream(Path p) {
    String s = p.toString();
    return s.equals("/dev/stdout") || s.equals("/dev/stderr") || s.startsWith("/dev/fd/")
        || s.matches("/proc/(self|thread-self|[0-9]+)/fd/[0-9]+");
  }

  /** Streams to a device, FIFO or descriptor: appended, so a file behind /dev/stdout is not truncated. */
  private static void stream(Path target, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      out.write(bytes);
      out.flush();
    }
  }

  private static void replace(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    if (dir == null) {
      throw new IOException("has no parent directory");
    }
    Files.createDirectories(dir);
    String base = String.valueOf(target.getFileName());
    removeStale(dir, base);
    @Nullable PosixFileAttributes old = attributes(target);
    Path tmp = null;
    try {
      tmp = createTemp(dir, base);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (old != null) {
        keepAttributes(tmp, old);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      forceDirectory(dir);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; the next write of this target removes the leftover
        }
      }
    }
  }

  /**
   * A new, empty temporary file created with the default permissions (0666 less the umask: no
   * attributes are passed, so the system applies the umask as for any new file).
   */
  private static Path createTemp(Path dir, String base) throws IOException {
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + base + "." + pid + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
          + TMP_SUFFIX);
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Deletes temporary files of {@code base} left by runs whose process is gone (killed runs). */
  private static void removeStale(Path dir, String base) {
    String prefix = "." + base + ".";
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
      String n = String.valueOf(p.getFileName());
      return n.startsWith(prefix) && n.endsWith(TMP_SUFFIX);
    })) {
      for (Path p : ds) {
        String mid = String.valueOf(p.getFileName()).substring(prefix.length());
        int dot = mid.indexOf('.');
        if (dot <= 0 || !mid.substring(0, dot).matches("[0-9]{1,18}")) {
          continue;
        }
        long pid = Long.parseLong(mid.substring(0, dot));
        if (ProcessHandle.of(pid).isEmpty() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // cleaning up is a courtesy: a directory we cannot list does not stop the write
    }
  }

  private static @Nullable PosixFileAttributes attributes(Path target) {
    try {
      return Files.readAttributes(target, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Gives the temporary file the replaced file's permission bits, and its owner and group where allowed. */
  private static void keepAttributes(Path tmp, PosixFileAttributes old) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      view.setGroup(old.group());
      view.setOwner(old.owner());
    } catch (IOException e) {
      // only root (or the owner, for a group it belongs to) may: the bits below still apply
    }
    view.setPermissions(old.permissions());
  }

  /** Forces the directory entry of the rename to disk (best effort: not every file system allows it). */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // the data itself is already forced; only the rename's durability is at stake
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    String why = e instanceof java.nio.file.FileSystemException f ? f.getReason() : null;
    if (why != null) {
      return why;
    }
    return String.valueOf(e.getMessage());
  }
}
