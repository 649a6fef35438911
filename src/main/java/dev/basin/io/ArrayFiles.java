package dev.basin.io;

import dev.basin.base.Memory;
import dev.basin.base.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Named arrays in files, chosen by extension (spec IO-FORMATS): .npz (a zip of .npy members, stored
 * or deflated, as numpy.savez / savez_compressed write), .safetensors, and .npy (one array, named
 * after the file). Every failure becomes one {@link InvalidInputException} naming the file (and
 * member); writes are atomic.
 */
public final class ArrayFiles {

  private ArrayFiles() {}

  /** Reads all arrays of a file, in file order. */
  public static Map<String, NdArray> read(Path path) {
    String file = path.toString();
    String ext = extension(path);
    return switch (ext) {
      case "npz" -> readNpz(path);
      case "safetensors" -> Safetensors.parse(bytes(path), file);
      case "npy" -> {
        String name = stem(path);
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put(name, Npy.parse(bytes(path), file, name));
        yield m;
      }
      default -> throw new InvalidInputException(file, "unknown file type '." + ext + "' (basin reads .npz, .npy, .safetensors)");
    };
  }

  /** Reads a single-array .npy file. */
  public static NdArray readNpy(Path path) {
    if (!extension(path).equals("npy")) {
      throw new InvalidInputException(path.toString(), "expected a .npy file");
    }
    return Npy.parse(bytes(path), path.toString(), stem(path));
  }

  /**
   * Writes arrays atomically, in the format given by the extension (.npz stored, .safetensors,
   * or .npy for exactly one array).
   */
  public static void write(Path path, List<NdArray> arrays) {
    String ext = extension(path);
    byte[] image = switch (ext) {
      case "npz" -> npz(arrays);
      case "safetensors" -> Safetensors.format(arrays);
      case "npy" -> {
        if (arrays.size() != 1) {
          throw new InvalidInputException(path.toString(), "a .npy file holds exactly one array, got " + arrays.size());
        }
        yield Npy.format(arrays.get(0));
      }
      default -> throw new InvalidInputException(path.toString(), "unknown file type '." + ext + "' (basin writes .npz, .npy, .safetensors)");
    };
    AtomicFiles.write(path, image);
  }

  /** Writes one array to a .npy file atomically. */
  public static void writeNpy(Path path, NdArray array) {
    write(path, List.of(array));
  }

  private static Map<String, NdArray> readNpz(Path path) {
    String file = path.toString();
    checkReadable(path);
    Map<String, NdArray> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(path.toFile())) {
      Enumeration<? extends ZipEntry> en = zip.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        String member = e.getName();
        String name = member.endsWith(".npy") ? member.substring(0, member.length() - 4) : member;
        String where = file + " [" + name + "]";
        byte[] data;
        try (InputStream in = zip.getInputStream(e)) {
          if (in == null) {
            throw new InvalidInputException(where, "zip member vanished while reading");
          }
          data = member(in, e, where);
        }
        // ZipFile does not check CRCs; NumPy's zipfile does, so a damaged member is refused here too
        CRC32 crc = new CRC32();
        crc.update(data);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
          throw new InvalidInputException(where, "corrupt .npz member: CRC-32 " + Long.toHexString(crc.getValue())
              + " does not match the archive's " + Long.toHexString(e.getCrc()));
        }
        out.put(name, Npy.parse(data, where, name));
      }
    } catch (ZipException e) {
      throw new InvalidInputException(file, "not a valid .npz (zip) archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(file, "the .npz archive holds no arrays");
    }
    return out;
  }

  private static byte[] npz(List<NdArray> arrays) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zos = new ZipOutputStream(bos)) {
      zos.setMethod(ZipOutputStream.STORED);
      for (NdArray a : arrays) {
        byte[] img = Npy.format(a);
        ZipEntry e = new ZipEntry(a.name() + ".npy");
        CRC32 crc = new CRC32();
        crc.update(img);
        e.setMethod(ZipEntry.STORED);
        e.setSize(img.length);
        e.setCompressedSize(img.length);
        e.setCrc(crc.getValue());
        // fixed timestamp: the same arrays give byte-identical files
        e.setTime(0L);
        zos.putNextEntry(e);
        zos.write(img);
        zos.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory zip failed", e);
    }
    return bos.toByteArray();
  }

  /** The whole file, after checking that it exists and fits in the heap. */
  static byte[] bytes(Path path) {
    checkReadable(path);
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new InvalidInputException(path.toString(), "cannot read: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new InvalidInputException(path.toString(), "too large to read into the heap", e);
    }
  }

  private static void checkReadable(Path path) {
    String file = path.toString();
    try {
      if (Files.isDirectory(path)) {
        throw new InvalidInputException(file, "is a directory, not a file");
      }
      if (!Files.isRegularFile(path)) {
        // a FIFO or device would block or never end: basin reads files
        throw new InvalidInputException(file, Files.exists(path) ? "is not a regular file (a FIFO, socket or device)"
            : "no such file");
      }
      long size = Files.size(path);
      if (size > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(file, Memory.format(size) + " is larger than basin reads (2 GiB)");
      }
      Memory.require(file, size, "reading the file", "use a smaller file");
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file, "no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an .npz member only as far as its .npy header declares (a member that decompresses to
   * more, a zip bomb, is refused after one byte too many, not after gigabytes), with the memory
   * for it and for its values as doubles estimated first (Memory).
   */
  private static byte[] member(InputStream in, ZipEntry e, String where) throws IOException {
    byte[] pre = in.readNBytes(12);
    byte[] head = concat(pre, in.readNBytes(Math.max(0, Npy.headerEnd(pre, where) - pre.length)));
    long length = Npy.declaredLength(head, where);
    if (e.getSize() >= 0 && e.getSize() != length) {
      throw new InvalidInputException(where, "the archive says the member has " + e.getSize() + " bytes, its .npy header "
          + length);
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(where, "member of " + length + " bytes is larger than basin reads (2 GiB)");
    }
    // the image and the array of doubles it becomes (at most 8 bytes per stored byte)
    Memory.require(where, Memory.bytes(length, 9), "the array", "use a smaller file");
    byte[] rest = in.readNBytes((int) (length - head.length));
    if (in.read() >= 0) {
      throw new InvalidInputException(where, "corrupt .npz member: more data than its .npy header declares (" + length
          + " bytes)");
    }
    return concat(head, rest);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /**
   * Decompresses a gzip image, refusing more than the memory estimate allows before it is all in
   * memory (a gzip bomb gets one line with the figure, not an OutOfMemoryError).
   */
  static byte[] gunzip(byte[] raw, String where) {
    long cap = (long) (Memory.FREE_SHARE * Memory.freeHeap()) / 9;
    try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap));
      if (in.read() >= 0) {
        throw new InvalidInputException(where, "decompresses to more than " + Memory.format(out.length) + ", more than the"
            + " heap allows (" + Memory.format(Memory.freeHeap()) + " free): raise -Xmx with BASIN_JAVA_OPTS");
      }
      return out;
    } catch (IOException e) {
      throw new InvalidInputException(where, "corrupt gzip stream: " + e.getMessage(), e);
    }
  }

  /**
   * The names of the arrays in a file without reading their data: an .npz's member names (from
   * the zip directory), a .safetensors header's tensor names, a .npy file's stem. Callers check
   * for the arrays they need before any large read.
   */
  public static java.util.Set<String> names(Path path) {
    String file = path.toString();
    String ext = extension(path);
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    switch (ext) {
      case "npz" -> {
        checkReadable(path);
        try (ZipFile zip = new ZipFile(path.toFile())) {
          Enumeration<? extends ZipEntry> en = zip.entries();
          while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            if (!e.isDirectory()) {
              String m = e.getName();
              out.add(m.endsWith(".npy") ? m.substring(0, m.length() - 4) : m);
            }
          }
        } catch (ZipException e) {
          throw new InvalidInputException(file, "not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
          throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
      }
      case "safetensors" -> out.addAll(Safetensors.names(headerOf(path), file));
      case "npy" -> out.add(stem(path));
      default -> throw new InvalidInputException(file, "unknown file type '." + ext + "' (basin reads .npz, .npy, .safetensors)");
    }
    return out;
  }

  /** The first bytes of a safetensors file: its length field and header (at most the format's limit). */
  private static byte[] headerOf(Path path) {
    checkReadable(path);
    try (InputStream in = Files.newInputStream(path)) {
      byte[] len = in.readNBytes(8);
      if (len.length < 8) {
        return len;
      }
      long n = java.nio.ByteBuffer.wrap(len).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
      byte[] h = in.readNBytes((int) Math.max(0, Math.min(n, Safetensors.MAX_HEADER)));
      return concat(len, h);
    } catch (IOException e) {
      throw new InvalidInputException(path.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  static String extension(Path path) {
    String name = String.valueOf(path.getFileName());
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String stem(Path path) {
    String name = String.valueOf(path.getFileName());
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
