package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * On a fresh machine the README's commands do all the set-up: in a fresh copy of the checkout
 * (its tracked files, no target/), with the machine's Maven hidden (an empty tmpfs over its
 * directory, in a mount namespace of the test's own), scripts/nslab installs Maven by package
 * name, builds and runs; scripts/release makes a jar and a .deb that run; and where Java is missing
 * the launcher installs a JDK as root or says the one command to run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("kernel")
class FreshMachineTest {
  /** Bounds only a hung build: a first build here takes about 20 s, Maven's download included. */
  private static final long BUILD_SECONDS = 900;

  /** Hides every mvn on PATH (its real directory, under an empty tmpfs), then runs "$@". */
  private static final String NO_MAVEN = """
      n=0
      while m=$(command -v mvn); do
        d=$(dirname "$(readlink -f "$m")")
        case ":$PATH:" in *":$d:"*) echo "FreshMachineTest: cannot hide $m without hiding $d" >&2; exit 98;; esac
        mount -t tmpfs -o ro,size=4k nslab-no-maven "$d" || exit 97
        export HIDDEN_MAVEN="${HIDDEN_MAVEN:-} $d"
        hash -r
        n=$((n + 1)); [ $n -lt 5 ] || exit 96
      done
      exec "$@"
      """;

  /** Hides every JDK in /usr/lib/jvm, and with it the java on PATH that points there. */
  private static final String NO_JAVA = """
      mount -t tmpfs -o ro,size=4k nslab-no-jvm /usr/lib/jvm || exit 97
      unset JAVA_HOME
      if command -v java >/dev/null; then echo "SKIP: java outside /usr/lib/jvm: $(command -v java)"; exit 95; fi
      exec "$@"
      """;

  private static Path copy;

  @BeforeAll
  static void freshCopy() throws Exception {
    Root.assume("it hides Maven and Java in a mount namespace of its own");
    assumeTrue(new File("/usr/bin/git").canExecute() || new File("/bin/git").canExecute(),
        "needs git, to copy the checkout's tracked files as a fresh clone has them");
    copy = Files.createTempDirectory("nslab-fresh-");
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    Process git = new ProcessBuilder("git", "ls-files", "-z").redirectErrorStream(true).start();
    String files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, git.waitFor(), files);
    for (String f : files.split("\0")) {
      Path from = Path.of(f);
      if (f.isEmpty() || !Files.isRegularFile(from)) {
        continue; // deleted in the work tree, not yet in the index
      }
      Path to = copy.resolve(f);
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
    for (Path d : List.of(copy, copy.resolve("scripts"))) {
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @AfterAll
  static void removeCopy() throws IOException {
    if (copy != null) {
      try (Stream<Path> all = Files.walk(copy)) {
        all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** What a command printed (standard error too), and "exit N". */
  private static String run(List<String> argv, String input, Map<String, String> env, long s)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(copy.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(s, TimeUnit.SECONDS), out);
    return out + "exit " + p.exitValue();
  }

  /** argv in a new mount namespace, after a shell script that hides something in it. */
  private static List<String> hiding(String script, String... argv) {
    List<String> all = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
        "bash", "-c", script, "bash"));
    all.addAll(List.of(argv));
    return all;
  }

  @Test
  @Order(1)
  void withoutJavaAUserIsToldTheOneCommandToRun() throws Exception {
    assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv (util-linux)");
    String out = run(hiding(NO_JAVA, "setpriv", "--reuid=65534", "--regid=65534",
        "--clear-groups", "scripts/nslab"), "exit\n", Map.of("HOME", "/tmp"), 60);
    assumeTrue(!out.startsWith("SKIP: "), out);
    Matcher m = Pattern.compile("nslab: needs ([^;\n]+); install with: sudo (apt-get|dnf) install"
        + " -y (.*)\n").matcher(out);
    assertTrue(m.find(), out);
    assertEquals(m.group(1), m.group(3));
    assertTrue(m.group(1).contains("jdk"), out);
    assertTrue(out.endsWith("exit 1"), out);
  }

  @Test
  @Order(2)
  void withoutJavaRootInstallsAJdkWithTheSystemsPackageManagerNonInteractively()
      throws Exception {
    // A stand-in apt-get that only notes how it was called: the real one would install.
    Path stub = Files.createDirectories(copy.resolve("target/stub"));
    Path log = stub.resolve("apt-get.log");
    Files.writeString(stub.resolve("apt-get"), "#!/bin/sh\n"
        + "echo \"$* DEBIAN_FRONTEND=$DEBIAN_FRONTEND\" >> " + log + "\n");
    Files.setPosixFilePermissions(stub.resolve("apt-get"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    String out = run(hiding(NO_JAVA, "scripts/nslab"), "exit\n",
        Map.of("PATH", stub + ":" + System.getenv("PATH")), 60);
    assumeTrue(!out.startsWith("SKIP: "), out);
    List<String> calls = Files.readAllLines(log);
    assertEquals("update -qq DEBIAN_FRONTEND=noninteractive", calls.get(0), out);
    assertTrue(calls.get(1).matches("install -y -qq --no-install-recommends openjdk-\\d+-jdk"
        + "-headless( maven)? DEBIAN_FRONTEND=noninteractive"), calls + "\n" + out);
    assertTrue(out.contains("nslab: installing openjdk-"), out);
    // The stand-in installed nothing, and the launcher says so rather than going on.
    assertTrue(out.contains("and still finds no JDK 17 or later\nexit 1")
        || out.contains("and still finds no Java 17 or later\nexit 1"), out);
  }

  /**
   * A stand-in apt-get in target/stub: notes how it was called, and "installs" Maven by
   * bringing back the Maven that NO_MAVEN hid (the real one would install the package).
   */
  private static Path aptGetThatBringsMavenBack() throws IOException {
    Path stub = Files.createDirectories(copy.resolve("target/stub-maven"));
    Files.writeString(stub.resolve("apt-get"), "#!/bin/sh\n"
        + "echo \"$* DEBIAN_FRONTEND=$DEBIAN_FRONTEND\" >> " + stub.resolve("apt-get.log") + "\n"
        + "case \" $* \" in *' install '*' maven '*) for d in $HIDDEN_MAVEN; do umount \"$d\";"
        + " done ;; esac\n");
    Files.setPosixFilePermissions(stub.resolve("apt-get"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    return stub;
  }

  @Test
  @Order(3)
  void whereNoMavenIsInstalledRootsLauncherInstallsItByPackageNameThenBuildsAndRuns()
      throws Exception {
    Path stub = aptGetThatBringsMavenBack();
    String out = run(hiding(NO_MAVEN, "scripts/nslab"), "ns self\nexit\n",
        Map.of("PATH", stub + ":" + System.getenv("PATH")), BUILD_SECONDS);
    List<String> calls = Files.readAllLines(stub.resolve("apt-get.log"));
    assertEquals("update -qq DEBIAN_FRONTEND=noninteractive", calls.get(0), out);
    assertEquals("install -y -qq --no-install-recommends maven DEBIAN_FRONTEND=noninteractive",
        calls.get(calls.size() - 1), calls + "\n" + out);
    assertTrue(out.contains("nslab: installing maven with apt-get (once)...\n"), out);
    assertTrue(out.contains("nslab: building (mvn package, once)...\n"), out);
    assertTrue(out.contains("lab task (pid "), out);
    assertTrue(Pattern.compile("(?m)^  uts +\\d+$").matcher(out).find(), out);
    assertTrue(out.endsWith("exit 0"), out);
    assertTrue(Files.isRegularFile(copy.resolve("target/nslab.jar")));
  }

  @Test
  @Order(4)
  void scriptsReleaseMakesAJarAndADebThatRun() throws Exception {
    Path stub = aptGetThatBringsMavenBack();
    String out = run(hiding(NO_MAVEN, "scripts/release"), "",
        Map.of("PATH", stub + ":" + System.getenv("PATH")), BUILD_SECONDS);
    assertTrue(out.endsWith("exit 0"), out);
    Path release = copy.resolve("target/release");
    Path jar;
    try (Stream<Path> s = Files.list(release)) {
      jar = s.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    out = run(List.of(java, "-jar", jar.toString()), "ns self\nexit\n", Map.of(), 120);
    assertTrue(out.contains("lab task (pid "), out);
    assertTrue(out.endsWith("exit 0"), out);

    assumeTrue(new File("/usr/bin/dpkg-deb").canExecute(), "no dpkg-deb here: no .deb made");
    Path deb;
    try (Stream<Path> s = Files.list(release)) {
      deb = s.filter(p -> p.toString().endsWith("_all.deb")).findFirst().orElseThrow();
    }
    out = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Depends"), "", Map.of(), 60);
    assertEquals("Package: nslab\nDepends: java17-runtime-headless, util-linux\nexit 0", out);
    Path root = copy.resolve("target/deb-root");
    assertTrue(run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), "", Map.of(), 60)
        .endsWith("exit 0"));
    // Installed, /usr/bin/nslab finds its jar and labs beside it in ../share/nslab.
    out = run(List.of(root.resolve("usr/bin/nslab").toString()), "ns self\nlab list\nexit\n",
        Map.of("PATH", Path.of(java).getParent() + ":" + System.getenv("PATH")), 120);
    assertTrue(out.contains("lab task (pid "), out);
    assertTrue(Pattern.compile("(?m)^uts +").matcher(out).find(), "the labs are found: " + out);
    assertTrue(out.endsWith("exit 0"), out);
  }
}
