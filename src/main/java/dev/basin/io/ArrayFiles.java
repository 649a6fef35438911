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
          data = readCapped(in, where);
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
      long size = Files.size(path);
      long free = Memory.freeHeap();
      if (size > Integer.MAX_VALUE - 8 || size > free) {
        throw new InvalidInputException(file, size + " bytes is more than basin can hold in memory (" + free + " bytes of heap free)");
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file, "no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads a zip member, refusing more than the heap can hold (a zip bomb gets a clear error). */
  private static byte[] readCapped(InputStream in, String where) throws IOException {
    long cap = Math.min(Integer.MAX_VALUE - 8, Memory.freeHeap() / 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      total += r;
      if (total > cap) {
        throw new InvalidInputException(where, "member expands to more than " + cap + " bytes, more than the heap can hold");
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
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
