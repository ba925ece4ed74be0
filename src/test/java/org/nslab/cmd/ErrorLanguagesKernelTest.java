package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.text.Text;

/**
 * Errors that need a namespace of nslab's own before they can happen, in Japanese and Chinese:
 * the call and its errno as the kernel names them, the explanation in the session's language.
 */
@Tag("kernel")
class ErrorLanguagesKernelTest {
  @TempDir Path dir;

  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  private static String mountsOutside() throws Exception {
    return Files.readString(Path.of("/proc/thread-self/mountinfo"));
  }

  /** The lines each language types, and what each says in that language (DIR: the rootfs). */
  private void sayErrors(String lang, String noMountPoint, String notARoot, String noCgroup,
      String deadPidNs) throws Exception {
    String before = mountsOutside();
    Path missing = dir.resolve("missing");
    try (LabSession lab = new LabSession()) {
      lab.session().setText(Text.of(lang));
      lab.ok("unshare mnt");
      LabSession.Result mount = lab.run("mount -t tmpfs none " + missing);
      assertEquals(1, mount.status(), mount.all());
      assertTrue(mount.err().startsWith("mount: mount(\"none\", \"" + missing + "\", \"tmpfs\","),
          mount.err());
      assertTrue(mount.err().contains("): ENOENT (No such file or directory): " + noMountPoint),
          mount.err());
      LabSession.Result rootfs = lab.run("rootfs " + dir);
      assertEquals(1, rootfs.status(), rootfs.all());
      assertEquals("rootfs: " + notARoot.replace("DIR", dir.toString()) + "\n", rootfs.err());
      LabSession.Result cgroup = lab.run("cgroup join nosuch");
      assertEquals("cgroup: " + noCgroup + "\n", cgroup.err());
      // A PID namespace whose PID 1 has ended: how it ended is said in the language too.
      lab.ok("unshare pid");
      assertEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
      LabSession.Result dead = lab.run("spawn true");
      assertEquals(1, dead.status(), dead.all());
      assertTrue(dead.err().matches("(?s)spawn: " + deadPidNs + "\n.*"), dead.err());
    }
    assertEquals(before, mountsOutside());
  }

  @Test
  void japanese() throws Exception {
    sayErrors("ja", "マウントポイント（または bind マウントの元）が存在しません",
        "DIR はルートファイルシステムに見えません（bin/ がありません）: scripts/mkrootfs DIR で作れます",
        "cgroup nosuch はありません（cgroup create nosuch）",
        "PID 名前空間 \\d+ は死んでいます: その PID 1（ホストでの PID \\d+）が終了しました（終了ステータス 0）。");
  }

  @Test
  void chinese() throws Exception {
    sayErrors("zh", "挂载点（或绑定挂载的源）不存在",
        "DIR 看起来不是根文件系统（没有 bin/）：用 scripts/mkrootfs DIR 创建一个",
        "没有 cgroup nosuch（cgroup create nosuch）",
        "PID 命名空间 \\d+ 已经死亡：它的 PID 1（主机 PID \\d+）已结束（退出状态 0），");
  }
}
