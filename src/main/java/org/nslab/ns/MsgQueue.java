package org.nslab.ns;

import java.util.ArrayList;
import java.util.List;

/** One System V message queue, as a line of /proc/sysvipc/msg shows it. */
public record MsgQueue(int key, int id, int perms, long usedBytes, long messages, int uid) {

  /**
   * Parses /proc/sysvipc/msg: a header, then one line per queue in the reader's IPC namespace
   * ("key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid stime rtime ctime").
   */
  public static List<MsgQueue> parse(String text) {
    List<MsgQueue> queues = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      queues.add(
          new MsgQueue(
              Integer.parseInt(f[0]),
              Integer.parseInt(f[1]),
              Integer.parseInt(f[2], 8),
              Long.parseLong(f[3]),
              Long.parseLong(f[4]),
              Integer.parseInt(f[7])));
    }
    return queues;
  }
}
