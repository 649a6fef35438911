package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file completely or not at all (spec IO-ATOMIC): the bytes go to a temporary file in the
 * target's directory, are forced to disk, and the temporary file is renamed over the target
 * atomically. A crash or error leaves either the old file or the new one, never a partial file.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes bytes (not modified) to path atomically. */
  public static void write(Path path, byte[] bytes) {
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null) {
      throw new InvalidInputException(path.toString(), "has no parent directory");
    }
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        var buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new InvalidInputException(path.toString(), "cannot write: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; the leftover temporary file is hidden (dot-prefixed)
        }
      }
    }
  }

  /** Writes text as UTF-8, atomically. */
  public static void writeString(Path path, String text) {
    write(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
