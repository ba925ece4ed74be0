package org.nslab.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which descriptors a child gets, by both of the ways nslab closes the rest. */
class SpawnerTest {
  @AfterEach
  void back() {
    Spawner.forceCloseOnExecForTest(false);
  }

  @Test
  void aChildGetsOnlyItsStandardDescriptorsWithTheFileAction() throws Exception {
    assertEquals("0\n1\n2\n3\n", fds());
  }

  @Test
  void aChildGetsOnlyItsStandardDescriptorsWithCloseOnExec() throws Exception {
    // What happens with a glibc older than 2.34, which lacks the file action.
    Spawner.forceCloseOnExecForTest(true);
    assertEquals("0\n1\n2\n3\n", fds());
  }

  /** What ls /proc/self/fd prints in a child (ls's own fd 3 is the directory it reads). */
  private static String fds() throws Exception {
    try (LabTask task = LabTask.start()) {
      return task.call(() -> {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Spawner.spawn(List.of("ls", "/proc/self/fd"), Map.of("PATH", "/usr/bin:/bin"),
            Spawner.Stdio.CAPTURE).pumpAndWait(out, err);
        return out + err.toString();
      });
    }
  }
}
