package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated status block of spec/claims.md replaces exactly the marked lines and nothing else. */
class StatusTableTest {

  @Test
  void replacesOnlyTheMarkedBlock(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("claims.md");
    Files.writeString(md, "# Title\nbefore\n" + StatusTable.BEGIN + "\nold table\n" + StatusTable.END + "\nafter\n");
    StatusTable.update(md, StatusTable.BEGIN + "\nnew table\n" + StatusTable.END + "\n");
    assertEquals("# Title\nbefore\n" + StatusTable.BEGIN + "\nnew table\n" + StatusTable.END + "\nafter\n", Files.readString(md));
  }

  @Test
  void aFileWithoutTheMarkersIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("claims.md");
    Files.writeString(md, "no markers\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> StatusTable.update(md, "x"));
    assertTrue(e.getMessage().contains("status block"), e.getMessage());
    assertEquals("no markers\n", Files.readString(md));
  }
}
