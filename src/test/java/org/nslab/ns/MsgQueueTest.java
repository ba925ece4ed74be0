package org.nslab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MsgQueueTest {
  @Test
  void parsesProcSysvipcMsg() {
    String text =
        "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid"
            + "      stime      rtime      ctime\n"
            + " 506081548          0   644          12          1     0     0     0     0     0"
            + "     0          0          0 1700000000\n";
    assertEquals(List.of(new MsgQueue(506081548, 0, 0644, 12, 1, 0)), MsgQueue.parse(text));
  }

  @Test
  void anEmptyNamespaceHasOnlyTheHeader() {
    assertEquals(List.of(), MsgQueue.parse("       key      msqid perms\n"));
  }
}
