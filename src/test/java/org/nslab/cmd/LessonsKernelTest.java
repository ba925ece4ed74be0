package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.Root;
import org.nslab.sys.SyscallException;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * Every errno lesson (sys/Lessons.java), provoked from the real kernel inside fresh namespaces
 * and shown with its words: one case per row of the table. A lesson added without a case here
 * (or a reason it cannot be provoked on this machine) fails {@link LessonsCoverageTest}.
 */
@Tag("kernel")
class LessonsKernelTest {
  /** Lessons no kernel here provokes, and why; each has the same note next to its row. */
  static final Map<Key, String> NOT_PROVOKED_HERE = Map.of(
      Key.LESSON_UNSHARE_EINVAL,
      "only a kernel built without one of the kinds says EINVAL to a plain unshare; this one"
          + " has every kind (the narrow rows for CLONE_NEWUSER and CLONE_NEWPID are tested)",
      Key.LESSON_SPAWN_EINVAL,
      "only kernels that refuse a CLONE_VM clone while time_for_children differs from time"
          + " (Debian 12's 6.1, measured by scripts/vmtest's other-kernel check) say it; 6.18"
          + " starts the child");

  /** One row of the table, provoked: the call and errno the output must name, and how. */
  record Case(String name, Key lesson, String call, Scenario scenario) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Scenario {
    /** What nslab printed for the failed call (standard error, or the exception's message). */
    String provoke(LabSession lab, Path tmp) throws Exception;
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("unshare user in a JVM", Key.LESSON_UNSHARE_EINVAL_USER,
        "unshare(CLONE_NEWUSER): EINVAL", (lab, tmp) -> lab.run("unshare user").err()));
    c.add(new Case("unshare pid twice", Key.LESSON_UNSHARE_EINVAL_PID,
        "unshare(CLONE_NEWPID): EINVAL", (lab, tmp) -> {
          lab.ok("unshare pid");
          // Straight to the kernel: unshare pid itself first points the children back.
          String err = failure(lab, () -> {
            Syscalls.unshare(0x20000000, "CLONE_NEWPID");
            return null;
          });
          // "only once it is back in the namespace it runs in": what unshare pid does first.
          lab.ok("unshare pid");
          return err;
        }));
    c.add(new Case("unshare without CAP_SYS_ADMIN", Key.LESSON_NEEDS_ROOT,
        "unshare(CLONE_NEWUTS): EPERM", (lab, tmp) -> withoutSysAdmin(tmp)));
    c.add(new Case("setns without CAP_SYS_ADMIN", Key.LESSON_NEEDS_ROOT,
        "setns(", (lab, tmp) -> line(withoutSysAdmin(tmp), "): EPERM")));
    c.add(new Case("mount without CAP_SYS_ADMIN", Key.LESSON_NEEDS_ROOT,
        "mount(\"tmpfs\"", (lab, tmp) -> line(withoutSysAdmin(tmp), "mount(\"tmpfs\"")));
    c.add(new Case("umount without CAP_SYS_ADMIN", Key.LESSON_NEEDS_ROOT,
        "umount2(\"/proc\", 0): EPERM", (lab, tmp) -> withoutSysAdmin(tmp)));
    c.add(new Case("sethostname without CAP_SYS_ADMIN", Key.LESSON_SETHOSTNAME_EPERM,
        "sethostname(\"lessons\"): EPERM", (lab, tmp) -> withoutSysAdmin(tmp)));
    c.add(new Case("open another's ns without ptrace access", Key.LESSON_OPEN_EACCES_NS,
        "open(/proc/1/ns/uts): EACCES", (lab, tmp) -> withoutSysAdmin(tmp)));
    c.add(new Case("unshare past max_uts_namespaces", Key.LESSON_UNSHARE_ENOSPC,
        "unshare(CLONE_NEWUTS): ENOSPC", (lab, tmp) -> noUtsNamespacesLeft()));
    c.add(new Case("setns into a user namespace", Key.LESSON_SETNS_EINVAL,
        "CLONE_NEWUSER): EINVAL", (lab, tmp) -> {
          java.util.regex.Matcher job = java.util.regex.Pattern.compile("\\[1\\] (\\d+)")
              .matcher(lab.ok("spawn --bg --user sleep 1000"));
          assertTrue(job.find());
          int pid = Integer.parseInt(job.group(1));
          // The child is in a user namespace of its own: not the one the lab task is in. Its
          // first step, util-linux unshare, makes it after spawn has returned: wait for it.
          Path self = Files.readSymbolicLink(Path.of("/proc/self/ns/user"));
          Path ns = Path.of("/proc/" + pid + "/ns/user");
          for (int i = 0; i < 6000 && Files.readSymbolicLink(ns).equals(self); i++) {
            Thread.sleep(10);
          }
          assertTrue(!Files.readSymbolicLink(ns).equals(self));
          String err = lab.run("nsenter -t " + pid + " user").err();
          lab.ok("kill -s KILL %1");
          return err;
        }));
    c.add(new Case("setns into a time namespace", Key.LESSON_SETNS_EUSERS,
        "CLONE_NEWTIME): EUSERS", (lab, tmp) -> {
          lab.ok("unshare time");
          return lab.run("ns reset time").err();
        }));
    c.add(new Case("timens offsets after a child entered", Key.LESSON_TIMENS_EACCES,
        "timens_offsets, \"monotonic 0 0\\nboottime 5 0\\n\"): EACCES", (lab, tmp) -> {
          assumeTrue(org.nslab.sys.LabTask.spawnsAfterUnshareTime(), "no child after unshare time");
          lab.ok("unshare time");
          lab.ok("spawn true");
          return offsets(lab, "monotonic 0 0\nboottime 5 0\n");
        }));
    c.add(new Case("timens offsets without CAP_SYS_TIME", Key.LESSON_TIMENS_EPERM,
        "): EPERM", (lab, tmp) -> {
          lab.session().task().call(() -> {
            TimeKernelTest.dropCapSysTimeFromThisThread();
            return null;
          });
          lab.ok("unshare time");
          return offsets(lab, "monotonic 0 0\nboottime 5 0\n");
        }));
    c.add(new Case("timens offsets below 0", Key.LESSON_TIMENS_ERANGE,
        "): ERANGE", (lab, tmp) -> {
          lab.ok("unshare time");
          return offsets(lab, "monotonic 0 0\nboottime -9000000000 0\n");
        }));
    c.add(new Case("timens offsets of the realtime clock", Key.LESSON_TIMENS_EINVAL,
        "): EINVAL", (lab, tmp) -> {
          lab.ok("unshare time");
          // CLOCK_REALTIME is clock 0: the kernel takes monotonic (1) and boottime (7) only.
          return offsets(lab, "0 5 0\n");
        }));
    c.add(new Case("sethostname of 65 bytes", Key.LESSON_SETHOSTNAME_EINVAL,
        "sethostname(\"" + "a".repeat(65) + "\"): EINVAL", (lab, tmp) -> {
          lab.ok("unshare uts");
          return failure(lab, () -> {
            Syscalls.sethostname("a".repeat(65));
            return null;
          });
        }));
    c.add(new Case("mount on a missing directory", Key.LESSON_MOUNT_ENOENT,
        "mount(\"tmpfs\", \"/no/such/dir\", \"tmpfs\", 0, NULL): ENOENT", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("mount -t tmpfs tmpfs /no/such/dir").err();
        }));
    c.add(new Case("mount of an unknown type", Key.LESSON_MOUNT_ENODEV,
        "): ENODEV", (lab, tmp) -> {
          lab.ok("unshare mnt");
          assertTrue(!Files.readString(Path.of("/proc/filesystems")).contains("nosuchfs"));
          return lab.run("mount -t nosuchfs none " + tmp).err();
        }));
    c.add(new Case("bind a file onto a directory", Key.LESSON_MOUNT_ENOTDIR,
        "): ENOTDIR", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("mount --bind /etc/hostname " + tmp).err();
        }));
    c.add(new Case("bind a directory onto a file", Key.LESSON_MOUNT_ENOTDIR,
        "): ENOTDIR", (lab, tmp) -> {
          lab.ok("unshare mnt");
          Files.writeString(tmp.resolve("file"), "");
          return lab.run("mount --bind /etc " + tmp.resolve("file")).err();
        }));
    c.add(new Case("make-rprivate of a directory that is not a mount point",
        Key.LESSON_MOUNT_EINVAL_PROPAGATION, "MS_REC|MS_PRIVATE, NULL): EINVAL", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("mount --make-rprivate " + tmp).err();
        }));
    c.add(new Case("make-private of a directory that is not a mount point",
        Key.LESSON_MOUNT_EINVAL, "MS_PRIVATE, NULL): EINVAL", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("mount --make-private " + tmp).err();
        }));
    c.add(new Case("an option tmpfs does not know", Key.LESSON_MOUNT_EINVAL,
        "): EINVAL", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("mount -t tmpfs -o nosuchoption tmpfs " + tmp).err();
        }));
    c.add(new Case("bind from another mount namespace", Key.LESSON_MOUNT_EINVAL,
        "): EINVAL", (lab, tmp) -> {
          lab.ok("unshare mnt");
          // /proc/PID/root of the test's own process: the mount namespace the lab task left.
          Files.createDirectory(tmp.resolve("dst"));
          return lab.run("mount --bind /proc/" + ProcessHandle.current().pid() + "/root" + tmp
              + " " + tmp.resolve("dst")).err();
        }));
    c.add(new Case("mqueue mounted on itself", Key.LESSON_MOUNT_EBUSY,
        "mount(\"mqueue\", \"" + "TMP" + "\", \"mqueue\", 0, NULL): EBUSY", (lab, tmp) -> {
          lab.ok("unshare mnt,ipc");
          lab.ok("mount -t mqueue mqueue " + tmp);
          return lab.run("mount -t mqueue mqueue " + tmp).err();
        }));
    c.add(new Case("umount with a mount below", Key.LESSON_UMOUNT_EBUSY,
        "): EBUSY", (lab, tmp) -> {
          lab.ok("unshare mnt");
          lab.ok("mount -t tmpfs tmpfs " + tmp);
          lab.ok("spawn mkdir " + tmp.resolve("sub"));
          lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("sub"));
          return lab.run("umount " + tmp).err();
        }));
    c.add(new Case("umount of a mount a process works in", Key.LESSON_UMOUNT_EBUSY,
        "): EBUSY", (lab, tmp) -> {
          lab.ok("unshare mnt");
          lab.ok("mount -t tmpfs tmpfs " + tmp);
          java.util.regex.Matcher job = java.util.regex.Pattern.compile("\\[1\\] (\\d+)")
              .matcher(lab.ok("spawn --bg sh -c 'cd " + tmp + " && exec sleep 1000'"));
          assertTrue(job.find());
          Path cwd = Path.of("/proc", job.group(1), "cwd");
          // Until the child works in the mount (bounded: a child that failed fails the case).
          for (int i = 0; i < 6000 && !Files.readSymbolicLink(cwd).equals(tmp); i++) {
            Thread.sleep(10);
          }
          String err = lab.run("umount " + tmp).err();
          lab.ok("kill -s KILL %1");
          return err;
        }));
    c.add(new Case("umount of a directory that is not a mount point", Key.LESSON_UMOUNT_EINVAL,
        "): EINVAL", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("umount " + tmp).err();
        }));
    c.add(new Case("umount of a missing path", Key.LESSON_UMOUNT_ENOENT,
        "umount2(\"/no/such/dir\", 0): ENOENT", (lab, tmp) -> {
          lab.ok("unshare mnt");
          return lab.run("umount /no/such/dir").err();
        }));
    c.add(new Case("spawn after PID 1 ended", Key.LESSON_SPAWN_ENOMEM,
        "posix_spawn(\"true\"): ENOMEM", (lab, tmp) -> {
          lab.ok("unshare pid");
          lab.ok("spawn true"); // PID 1: it ends, and the namespace with it
          // Bypass spawn's own check (which knows PID 1 has gone): the kernel's answer.
          return failure(lab, () -> org.nslab.sys.Spawner.spawn(List.of("true"),
              lab.session().env(), org.nslab.sys.Spawner.Stdio.CAPTURE));
        }));
    c.add(new Case("spawn --user without unshare(1)", Key.LESSON_SPAWN_ENOENT_UNSHARE,
        "posix_spawn(\"unshare\"): ENOENT", (lab, tmp) -> {
          lab.ok("unshare mnt");
          // An empty tmpfs on each directory of PATH that holds unshare, in this namespace only.
          for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, "unshare"))) {
              lab.ok("mount -t tmpfs tmpfs " + dir);
            }
          }
          return lab.run("spawn --user id").err();
        }));
    c.add(new Case("spawn of a path where nothing is", Key.LESSON_SPAWN_ENOENT_PATH,
        "posix_spawn(\"/no/such/program-xyz\"): ENOENT",
        (lab, tmp) -> lab.run("spawn /no/such/program-xyz").err()));
    c.add(new Case("spawn of a missing program", Key.LESSON_SPAWN_ENOENT,
        "posix_spawn(\"no-such-program-xyz\"): ENOENT",
        (lab, tmp) -> lab.run("spawn no-such-program-xyz").err()));
    c.add(new Case("spawn of a file without x", Key.LESSON_SPAWN_EACCES,
        "): EACCES", (lab, tmp) -> {
          Path script = Files.writeString(tmp.resolve("script"), "echo hi\n");
          Files.setPosixFilePermissions(script,
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
          return lab.run("spawn " + script).err();
        }));
    c.add(new Case("nslab started without /proc", Key.LESSON_OPEN_ENOENT_THREAD_SELF,
        "open(/proc/thread-self): ENOENT", (lab, tmp) -> withoutProc()));
    c.add(new Case("nsenter to a process that does not exist", Key.LESSON_OPEN_ENOENT_PROC,
        "open(/proc/999999999/ns/", (lab, tmp) -> lab.run("nsenter -t 999999999").err()));
    c.add(new Case("open of a missing file", Key.LESSON_OPEN_ENOENT,
        "open(" + "/no/such/file" + "): ENOENT",
        (lab, tmp) -> failure(lab, () -> Syscalls.open("/no/such/file", 0))));
    c.add(new Case("ns of a process that does not exist", Key.LESSON_OPEN_ENOENT_PROC,
        "open(/proc/999999999): ENOENT", (lab, tmp) -> lab.run("ns 999999999").err()));
    c.add(new Case("ns with /proc unmounted", Key.LESSON_OPEN_ENOENT_PROC,
        "open(/proc/1): ENOENT", (lab, tmp) -> {
          lab.ok("unshare mnt");
          lab.ok("umount -l /proc");
          return lab.run("ns 1").err();
        }));
    c.add(new Case("pid_for_children before PID 1", Key.LESSON_READLINKAT_ENOENT,
        "readlinkat(ns/pid_for_children): ENOENT", (lab, tmp) -> {
          lab.ok("unshare pid");
          int tid = lab.session().task().tid();
          String err = failure(lab, () -> {
            int dir = Syscalls.open("/proc/" + tid, Syscalls.O_PATH | Syscalls.O_DIRECTORY);
            try {
              return Syscalls.readlinkat(dir, "ns/pid_for_children");
            } finally {
              Syscalls.close(dir);
            }
          });
          // Once the first child is PID 1, the link is there.
          lab.ok("spawn --bg sleep 1000");
          lab.session().task().call(() -> {
            int dir = Syscalls.open("/proc/" + tid, Syscalls.O_PATH | Syscalls.O_DIRECTORY);
            try {
              return Syscalls.readlinkat(dir, "ns/pid_for_children");
            } finally {
              Syscalls.close(dir);
            }
          });
          lab.ok("kill -s KILL %1");
          return err;
        }));
    c.add(new Case("kill of a process that does not exist", Key.LESSON_KILL_ESRCH,
        "kill(999999999, 15): ESRCH", (lab, tmp) -> lab.run("kill 999999999").err()));
    c.add(new Case("pivot_root under a shared mount", Key.LESSON_PIVOT_ROOT_EINVAL,
        "pivot_root(\".\", \".oldroot\"): EINVAL", (lab, tmp) -> {
          lab.ok("unshare mnt");
          lab.ok("mount -t tmpfs tmpfs " + tmp);
          lab.ok("spawn mkdir " + tmp.resolve("bin"));
          lab.ok("mount --make-shared " + tmp);
          String err = lab.run("pivot_root --no-proc " + tmp).err();
          // The lesson's advice, followed: then pivot_root works.
          lab.ok("mount --make-rprivate /");
          lab.ok("pivot_root --no-proc " + tmp);
          return err;
        }));
    c.add(new Case("pivot_root onto the current root", Key.LESSON_PIVOT_ROOT_EBUSY,
        "pivot_root(\".\", \".oldroot\"): EBUSY", (lab, tmp) -> {
          lab.ok("unshare mnt");
          lab.ok("mount -t tmpfs tmpfs " + tmp);
          lab.ok("spawn mkdir " + tmp.resolve("bin"));
          lab.ok("rootfs --no-proc " + tmp);
          return lab.run("pivot_root --no-proc /").err();
        }));
    c.add(new Case("ipcrm of a queue that is not there", Key.LESSON_MSGCTL_EINVAL,
        "msgctl(", (lab, tmp) -> {
          lab.ok("unshare ipc");
          return lab.run("ipcrm -q 0").err();
        }));
    c.add(new Case("ipcmk past msgmni", Key.LESSON_MSGGET_ENOSPC,
        "): ENOSPC", (lab, tmp) -> {
          lab.ok("unshare ipc");
          // msgmni is per IPC namespace: 0 here changes no other.
          lab.ok("spawn sh -c 'echo 0 > /proc/sys/kernel/msgmni'");
          return lab.run("ipcmk -Q").err();
        }));
    return c;
  }

  static Stream<Arguments> provoked() {
    return cases().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("provoked")
  void theKernelSaysItAndTheLessonIsShown(Case c, @TempDir Path tmp) throws Exception {
    Root.assume("to create namespaces and provoke errnos in them (CAP_SYS_ADMIN)");
    String out;
    try (LabSession lab = new LabSession()) {
      out = c.scenario().provoke(lab, tmp);
    }
    assertTrue(out.contains(c.call().replace("TMP", tmp.toString())), c.call() + " in:\n" + out);
    String words = Text.english().get(c.lesson());
    assertTrue(out.replace("\n  ", " ").replaceAll("\\s+", " ")
        .contains(words.replaceAll("\\s+", " ")), words + " in:\n" + out);
  }

  /** The failure of a call made on the lab task, as nslab renders it. */
  private static String failure(LabSession lab, java.util.concurrent.Callable<?> call)
      throws Exception {
    try {
      lab.session().task().call(call);
    } catch (SyscallException e) {
      return e.getMessage();
    }
    throw new AssertionError("the call did not fail");
  }

  private static String offsets(LabSession lab, String text) throws Exception {
    // Written as the kernel reads it, past nslab's own checks: the lab task's /proc/TID.
    int tid = lab.session().task().tid();
    return failure(lab, () -> {
      int dir = Syscalls.open("/proc/" + tid, Syscalls.O_PATH | Syscalls.O_DIRECTORY);
      try {
        Syscalls.writeFileAt(dir, "timens_offsets", text, "/proc/" + tid + "/timens_offsets");
      } finally {
        Syscalls.close(dir);
      }
      return null;
    });
  }

  /** The first line of {@code out} that holds {@code word}, and the rest after it. */
  private static String line(String out, String word) {
    int at = out.indexOf(word);
    return at < 0 ? out : out.substring(out.lastIndexOf('\n', at) + 1);
  }

  private static String dropped;

  /**
   * nslab as root without CAP_SYS_ADMIN (a container's root) in throwaway uts and mount
   * namespaces, so nothing it tries can reach the host even if it succeeded.
   */
  private static synchronized String withoutSysAdmin(Path tmp) throws Exception {
    if (dropped != null) {
      return dropped;
    }
    assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv (util-linux)");
    // A process with the same capabilities as nslab: its namespaces nslab may open, and
    // setns is refused for want of CAP_SYS_ADMIN alone.
    Process peer = new ProcessBuilder("setpriv", "--bounding-set=-sys_admin", "--", "sleep",
        "1000").start();
    try {
      Path comm = Path.of("/proc", Long.toString(peer.pid()), "comm");
      while (!Files.readString(comm).strip().equals("sleep")) {
        Thread.onSpinWait(); // until setpriv has become sleep, with its capabilities dropped
      }
      dropped = nslab(List.of("unshare", "--uts", "--mount", "--propagation", "private",
          "setpriv", "--bounding-set=-sys_admin", "--"),
          "unshare uts\nhostname --host lessons\nmount --host -t tmpfs tmpfs " + tmp
              + "\numount --host /proc\nnsenter -t 1 uts\nnsenter -t " + peer.pid() + " uts\n");
    } finally {
      peer.destroyForcibly().waitFor();
    }
    return dropped;
  }

  /** nslab as root of a user namespace whose limit on UTS namespaces is 0. */
  private static String noUtsNamespacesLeft() throws Exception {
    return nslab(List.of("unshare", "--user", "--map-root-user", "sh", "-c",
        "echo 0 > /proc/sys/user/max_uts_namespaces && exec \"$@\"", "sh"), "unshare uts\n");
  }

  /** nslab in a mount namespace of its own with /proc unmounted. */
  private static String withoutProc() throws Exception {
    // Without /proc the launcher cannot find its own libraries (it asks /proc/self/exe).
    String home = System.getProperty("java.home");
    return nslab(List.of("unshare", "--mount", "--propagation", "private", "env",
        "LD_LIBRARY_PATH=" + home + "/lib:" + home + "/lib/server", "sh", "-c",
        "umount -l /proc && exec \"$@\"", "sh"), "ns self\n");
  }

  private static String nslab(List<String> prefix, String input) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "org.nslab.Main"));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    return out;
  }
}
