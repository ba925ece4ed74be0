package org.nslab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rootless mode: an unprivileged user runs nslab inside a user namespace mapped to root. */
@Tag("kernel")
class RootlessTest {
  @Test
  void anUnprivilegedUserGetsWorkingNamespacesInsideAUserNamespace(@TempDir Path tmp)
      throws Exception {
    String out = asNobody(tmp, List.of("unshare", "--user", "--map-root-user", "--"),
        "ns self\nunshare uts,mnt\nhostname rootless\nspawn hostname\nspawn id -u\n"
            + "umount /proc\n");
    assertTrue(out.contains("not the initial user namespace (uid_map: 0 65534 1)"), out);
    assertTrue(out.contains("hostname vm -> rootless") || out.contains("-> rootless"), out);
    assertTrue(out.contains("\nrootless\n0\n"), out);
    // The host's mounts are locked in a less privileged mount namespace.
    assertTrue(out.contains("umount2(\"/proc\", 0): EINVAL"), out);
    assertTrue(out.contains("locked"), out);
    assertTrue(out.endsWith("exit 1"), out);
  }

  @Test
  void anUnprivilegedUserIsToldWhyAndHowAtOnce(@TempDir Path tmp) throws Exception {
    String out = asNobody(tmp, List.of(), "unshare uts\nhostname x\nns self\n");
    assertTrue(out.startsWith("nslab: not running as root: unshare, hostname NAME, mount and"
        + " umount will fail with EPERM.\n  Run sudo scripts/nslab, or scripts/nslab"
        + " --rootless.\n"), out);
    assertTrue(out.contains("unshare: unshare(CLONE_NEWUTS): EPERM (Operation not permitted):"
        + " this needs CAP_SYS_ADMIN: run nslab as root (sudo scripts/nslab), or inside a user"
        + " namespace (unshare --user --map-root-user scripts/nslab)\n"), out);
    // The host stays safe: without an unshare, the hostname is refused before any syscall.
    assertTrue(out.contains("hostname: refusing to set the hostname"), out);
    assertTrue(out.contains("lab task (pid "), "reading namespaces needs no privilege: " + out);
  }

  @Test
  void rootWithoutSysAdminIsToldWhyAtOnceAndGradingRefuses(@TempDir Path tmp) throws Exception {
    Root.assume("it becomes the unprivileged user nobody");
    assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv (util-linux)");
    // Root as a container without --privileged has it: uid 0, no CAP_SYS_ADMIN.
    List<String> drop = List.of("setpriv", "--bounding-set=-sys_admin", "--");
    String out = run(drop, List.of(), "unshare uts\nns self\n");
    assertTrue(out.startsWith("nslab: root, but without CAP_SYS_ADMIN (a container started"
        + " without --privileged, or a seccomp profile that forbids unshare and mount)"), out);
    assertTrue(out.contains("unshare(CLONE_NEWUTS): EPERM"), out);
    assertTrue(out.contains("lab task (pid "), out);
    String grade = run(drop, List.of("grade", "labs/uts.md", "labs/solutions/uts/reference.txt"),
        "");
    assertTrue(grade.startsWith("nslab grade: grading needs CAP_SYS_ADMIN, and this root"
        + " process lacks it"), grade);
    assertTrue(grade.endsWith("exit 2"), grade);
  }

  @Test
  void aUserNamespaceWithoutCapabilitiesIsExplained(@TempDir Path tmp) throws Exception {
    // What Ubuntu's AppArmor restriction leaves: root in a user namespace, no capabilities.
    String out = asNobody(tmp, List.of("env", "NSLAB_ROOTLESS=auto", "unshare", "--user",
        "--map-root-user", "setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"),
        "unshare uts\n");
    assertTrue(out.startsWith("nslab: rootless, but the user namespace nslab runs in gave it no"
        + " capabilities"), out);
    assertTrue(out.contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"), out);
    assertTrue(out.contains("unshare(CLONE_NEWUTS): EPERM"), out);
  }

  private static String run(List<String> prefix, List<String> args, String input)
      throws Exception {
    return NslabProcess.run(prefix, args, input, 60);
  }

  /**
   * Runs org.nslab.Main as the user nobody (after {@code prefix}, such as unshare --user) with
   * {@code input} on its standard input; returns its output and "exit N".
   */
  private static String asNobody(Path tmp, List<String> prefix, String input) throws Exception {
    Root.assume("to become the unprivileged user nobody");
    assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv (util-linux)");
    // nobody cannot read root's ~/.m2: copy the classpath where it can.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> cp = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (Files.isDirectory(from) || !entry.endsWith(".jar")) {
        Path to = tmp.resolve("classes" + i++);
        copyTree(from, to);
        cp.add(to.toString());
      } else {
        Path to = tmp.resolve(i++ + "-" + from.getFileName());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        cp.add(to.toString());
      }
    }
    Path scratch = Files.createDirectory(tmp.resolve("tmp"));
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(List.of(
        "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    argv.addAll(prefix);
    argv.addAll(List.of(java, "-Djava.io.tmpdir=" + scratch, "-cp", String.join(":", cp),
        "org.nslab.Main"));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertTrue(!out.isEmpty(), "no output; exit " + p.exitValue());
    return out + "exit " + p.exitValue();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path src : (Iterable<Path>) paths::iterator) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
          Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
