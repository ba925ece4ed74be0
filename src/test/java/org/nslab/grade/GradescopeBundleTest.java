package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.sys.ProcFs;
import org.nslab.text.JsonText;

/**
 * scripts/gradescope's bundle, as Gradescope runs it: unzipped into a fake /autograder, its
 * run_autograder grades a submission and leaves a results.json valid against Gradescope's
 * documented format (src/test/resources/gradescope-results.schema.json): with CAP_SYS_ADMIN
 * the real score, without it (Gradescope's default container) 0 and the reason, and where
 * Java does not even start, 0 and what it said.
 */
@Tag("kernel")
class GradescopeBundleTest {
  private static Schema schema() throws IOException {
    try (InputStream in = GradescopeBundleTest.class.getResourceAsStream(
        "/gradescope-results.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  @Test
  void theReferenceSolutionGetsFullMarksInAPrivilegedContainer(@TempDir Path tmp)
      throws Exception {
    Root.assume("grading does");
    assumeTrue(ProcFs.hasSysAdmin(), "needs CAP_SYS_ADMIN to grade");
    Path ag = autograder(tmp, "labs/uts.md");
    Files.copy(Path.of("labs/solutions/uts/reference.txt"),
        ag.resolve("submission/submission.txt"));
    Map<String, Object> r = run(ag, List.of());
    assertEquals(r.get("max_score"), r.get("score"), r.toString());
    assertTrue((Long) r.get("score") > 0, r.toString());
    assertTrue(((List<?>) r.get("tests")).size() > 1, r.toString());
  }

  @Test
  void withoutSysAdminTheResultSaysWhyAndScoresNothing(@TempDir Path tmp) throws Exception {
    Root.assume("grading does");
    assumeTrue(new File("/usr/bin/setpriv").canExecute(), "needs setpriv (util-linux)");
    Path ag = autograder(tmp, "labs/uts.md");
    // A repository upload: the submission is found below the upload's top.
    Files.createDirectories(ag.resolve("submission/repo"));
    Files.copy(Path.of("labs/solutions/uts/reference.txt"),
        ag.resolve("submission/repo/submission.txt"));
    // Root as Gradescope's default container has it: uid 0, no CAP_SYS_ADMIN.
    Map<String, Object> r = run(ag, List.of("setpriv", "--bounding-set=-sys_admin", "--"));
    assertEquals(0L, r.get("score"), r.toString());
    assertTrue((Long) r.get("max_score") > 0, "the lab's points: " + r);
    assertTrue(((String) r.get("output")).startsWith("Not graded: grading needs CAP_SYS_ADMIN,"
        + " and this root process lacks it (a container started without --privileged, such as"
        + " Gradescope's default autograder"), r.toString());
  }

  @Test
  void aMissingSubmissionAndAJavaThatDoesNotStartStillLeaveAResult(@TempDir Path tmp)
      throws Exception {
    Root.assume("grading does");
    Path ag = autograder(tmp, "labs/uts.md");
    Files.writeString(ag.resolve("submission/notes.md"), "no commands here\n");
    Map<String, Object> r = run(ag, List.of("env", "JAVA=/bin/false"));
    assertEquals(0L, r.get("score"), r.toString());
    assertEquals("Not graded: nslab grade ended with status 1 and wrote no report",
        r.get("output"));

    r = run(ag, List.of("setpriv", "--bounding-set=-sys_admin", "--"));
    assertEquals(0L, r.get("score"), r.toString());
    assumeTrue(ProcFs.hasSysAdmin(), "needs CAP_SYS_ADMIN to grade");
    r = run(ag, List.of());
    assertEquals(0L, r.get("score"), r.toString());
    assertEquals("Not graded: no such file: submission.txt", r.get("output"));
  }


  /**
   * Makes the bundle with scripts/gradescope (a jar that runs this build's classes) and
   * unzips it as Gradescope does: TMP/autograder/source, and an empty submission folder.
   */
  private static Path autograder(Path tmp, String lab) throws Exception {
    Path jar = tmp.resolve("nslab.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.nslab.Main");
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(":")) {
      Path p = Path.of(e).toAbsolutePath();
      cp.add(p.toUri().getRawPath());
    }
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", cp));
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      // A manifest only: the classes stay where the build put them.
    }
    Path zip = tmp.resolve("bundle.zip");
    ProcessBuilder pb = new ProcessBuilder("scripts/gradescope", lab, zip.toString())
        .redirectErrorStream(true);
    pb.environment().put("NSLAB_JAR", jar.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    Path ag = tmp.resolve("autograder");
    Path source = Files.createDirectories(ag.resolve("source"));
    Files.createDirectories(ag.resolve("submission"));
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
        Path to = source.resolve(e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(in, to);
        }
      }
    }
    assertTrue(names.containsAll(List.of("setup.sh", "run_autograder", "nslab.jar",
        "labs/uts.md")), names.toString());
    for (String script : List.of("setup.sh", "run_autograder")) {
      Files.setPosixFilePermissions(source.resolve(script),
          PosixFilePermissions.fromString("rwxr-xr-x"));
      Process n = new ProcessBuilder("bash", "-n", source.resolve(script).toString())
          .redirectErrorStream(true).start();
      assertEquals(0, n.waitFor(), new String(n.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8));
    }
    assertTrue(Files.readString(source.resolve("setup.sh")).contains("openjdk-17-jre-headless"));
    // Gradescope copies run_autograder to /autograder and runs it from there.
    Files.copy(source.resolve("run_autograder"), ag.resolve("run_autograder"));
    return ag;
  }

  /** Runs the bundle's run_autograder (after prefix); returns its results.json, validated. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(Path ag, List<String> prefix) throws Exception {
    List<String> argv = new ArrayList<>(prefix);
    argv.add(ag.resolve("run_autograder").toString());
    ProcessBuilder pb = new ProcessBuilder(argv).directory(ag.toFile()).redirectErrorStream(true);
    pb.environment().put("NSLAB_AUTOGRADER", ag.toString());
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
        + System.getenv("PATH"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), "run_autograder ends well whatever happened: " + out);
    String json = Files.readString(ag.resolve("results/results.json"));
    assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
    return (Map<String, Object>) JsonText.parse(json);
  }
}
