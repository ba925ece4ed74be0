package org.nslab.ns;

import java.util.ArrayList;
import java.util.List;

/** One System V shared memory segment, as a line of /proc/sysvipc/shm shows it. */
public record ShmSegment(int key, int id, int mode, long bytes, long attached, int uid) {
  /** SHM_DEST: removed, and gone when the last process detaches. */
  public static final int SHM_DEST = 01000;
  /** SHM_LOCKED: locked in memory (shmctl SHM_LOCK). */
  public static final int SHM_LOCKED = 02000;

  /**
   * Parses /proc/sysvipc/shm: a header, then one line per segment in the reader's IPC namespace
   * ("key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap"); the
   * perms field carries SHM_DEST and SHM_LOCKED beside the permission bits.
   */
  public static List<ShmSegment> parse(String text) {
    List<ShmSegment> segments = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      segments.add(new ShmSegment(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
          Integer.parseInt(f[2], 8), Long.parseLong(f[3]), Long.parseLong(f[6]),
          Integer.parseInt(f[7])));
    }
    return segments;
  }
}
