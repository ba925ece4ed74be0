package org.nslab.ns;

import java.util.ArrayList;
import java.util.List;

/** One System V semaphore array, as a line of /proc/sysvipc/sem shows it. */
public record SemArray(int key, int id, int perms, long semaphores, int uid) {
  /**
   * Parses /proc/sysvipc/sem: a header, then one line per array in the reader's IPC namespace
   * ("key semid perms nsems uid gid cuid cgid otime ctime").
   */
  public static List<SemArray> parse(String text) {
    List<SemArray> arrays = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      arrays.add(new SemArray(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
          Integer.parseInt(f[2], 8), Long.parseLong(f[3]), Integer.parseInt(f[4])));
    }
    return arrays;
  }
}
