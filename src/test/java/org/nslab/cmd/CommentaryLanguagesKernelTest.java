package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nslab.Root;
import org.nslab.ns.MountInfo;
import org.nslab.ns.NsFile;
import org.nslab.text.Text;

/**
 * The notes commands print besides their results, in the session's language (--lang ja|zh):
 * said in the situation they are said in, in fresh namespaces, next to what the kernel shows.
 * The results themselves (ids, "(new)") stay as they are in English.
 */
@Tag("kernel")
class CommentaryLanguagesKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  private static LabSession session(String lang) throws Exception {
    LabSession lab = new LabSession();
    lab.session().setText(Text.of(lang));
    return lab;
  }

  /** The propagation of the top mount at {@code target}, as a child of the lab task sees it. */
  private static String propagation(LabSession lab, String target) {
    String found = null;
    for (MountInfo m : MountInfo.parse(lab.ok("spawn cat /proc/self/mountinfo"))) {
      if (m.target().equals(target)) {
        found = m.propagationName();
      }
    }
    return found;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ja|mnt: / は再帰的に private になりました。ここで行ったマウントはここにとどまります",
      "zh|mnt：/ 现在递归地成为 private：在这里进行的挂载只留在这里"})
  void unshareMntSaysItsPropagationInTheSessionsLanguage(String lang, String note)
      throws Exception {
    try (LabSession lab = session(lang)) {
      String out = lab.ok("unshare mnt");
      long mnt = lab.session().task().namespace(NsFile.MNT).inode();
      assertTrue(out.matches("(?s)mnt +\\d+ -> " + mnt + "  \\(new\\)\\n.*"), out);
      assertTrue(out.endsWith("\n" + note + "\n"), out);
      assertFalse(out.contains("recursively"), out);
      assertEquals("private", propagation(lab, "/"));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ja|pid: ラボタスク自身は pid %d にとどまります。次に spawn する子プロセスが新しい名前空間の PID 1"
          + " になります（カーネルがその ID を表示するのは PID 1 ができてからです）"
          + "|新規、まだ PID 1 はありません: 次に spawn する子プロセスが起動すると、カーネルが ID を表示します"
          + "|: 次に spawn する子プロセスはここに入ります"
          + "|（PID 名前空間 %d の PID 1: 後の子プロセスは 2、3、... としてそこに入ります）",
      "zh|pid：实验任务自身仍留在 pid %d；下一个 spawn 的子进程成为新命名空间的 PID 1（PID 1 出现后，"
          + "内核才显示它的 id）"
          + "|新的，还没有 PID 1：下一个 spawn 的子进程启动后，内核才显示其 id"
          + "|：下一个 spawn 的子进程进入这里"
          + "|（PID 命名空间 %d 的 PID 1：之后的子进程以 2、3、... 加入其中）"})
  void unsharePidAndNsSelfSayWhereTheNextChildGoesInTheSessionsLanguage(String lang,
      String stays, String noPid1Yet, String goesHere, String bgPid1) throws Exception {
    try (LabSession lab = session(lang)) {
      long own = lab.session().task().namespace(NsFile.PID).inode();
      String out = lab.ok("unshare pid");
      assertTrue(out.endsWith("\n" + String.format(stays, own) + "\n"), out);
      assertFalse(out.contains("the lab task itself"), out);
      // Before PID 1 the kernel shows no pid_for_children: the note says why.
      assertEquals(null, lab.session().task().namespace(NsFile.PID_FOR_CHILDREN));
      assertEquals(own, lab.session().task().namespace(NsFile.PID).inode());
      String self = lab.ok("ns self");
      assertTrue(self.contains("\n  pid_for_children   -  " + noPid1Yet + "\n"), self);
      String job = lab.ok("spawn --bg sleep 1000");
      long pid = lab.session().task().namespace(NsFile.PID_FOR_CHILDREN).inode();
      assertTrue(job.endsWith("  " + String.format(bgPid1, pid) + "\n"), job);
      self = lab.ok("ns self");
      assertTrue(self.matches("(?s).*\\n  pid_for_children   " + pid
          + "  new \\(shell started in \\d+\\)" + goesHere + "\\n.*"), self);
      assertFalse(self.contains("goes here"), self);
      assertEquals("pid:[" + pid + "]\n", lab.ok("spawn readlink /proc/self/ns/pid"));
      lab.ok("kill -s KILL %1");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ja|これから spawn する子プロセスは cgroup told の中で起動します"
          + "|これから spawn する子プロセスは nslab 自身の cgroup の中で起動します",
      "zh|从现在起 spawn 的子进程在 cgroup told 中启动"
          + "|从现在起 spawn 的子进程在 nslab 自己的 cgroup 中启动"})
  void cgroupJoinAndLeaveSayWhereChildrenStartInTheSessionsLanguage(String lang, String joined,
      String left) throws Exception {
    try (LabSession lab = session(lang)) {
      assumeTrue(lab.ok("cgroup").contains("pids"), "no pids controller available");
      lab.ok("cgroup create told");
      try {
        assertEquals(joined + "\n", lab.ok("cgroup join told"));
        String in = lab.ok("spawn cat /proc/self/cgroup");
        assertTrue(in.matches("(?s).*/nslab-\\d+-told\\n.*"), in);
        assertEquals(left + "\n", lab.ok("cgroup leave"));
        String out = lab.ok("spawn cat /proc/self/cgroup");
        assertFalse(out.contains("-told"), out);
      } finally {
        lab.ok("cgroup delete told");
      }
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ja|ジョブはありません（spawn --bg で起動します）|保存したポイントはありません（ns save NAME で保存できます）"
          + "|すでにシェルが起動したときの名前空間にいます",
      "zh|没有作业（用 spawn --bg 启动一个）|没有保存的点（用 ns save NAME 保存一个）"
          + "|已经在 shell 启动时所在的命名空间中"})
  void nothingToDoIsSaidInTheSessionsLanguage(String lang, String noJobs, String noPoints,
      String atStart) throws Exception {
    try (LabSession lab = session(lang)) {
      assertEquals(noJobs + "\n", lab.ok("jobs"));
      assertEquals(noPoints + "\n", lab.ok("ns points"));
      assertEquals(atStart + "\n", lab.ok("ns reset"));
      assertEquals(lab.session().origin(), lab.session().task().namespaces());
    }
  }
}
