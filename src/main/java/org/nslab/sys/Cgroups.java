package org.nslab.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.ns.MountInfo;
import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/**
 * The cgroups nslab makes, in cgroup v2 or in the v1 hierarchies of a hybrid layout, always
 * below the cgroup the shell itself runs in, never beside or above it, and removed when the
 * session ends.
 *
 * <p>Before making the first one, this process moves itself into a leaf of its own,
 * {@code nslab-PID}, and makes the others beside that leaf: cgroup v2 lets a cgroup pass
 * controllers to its children only while it holds no processes itself (the no-internal-process
 * rule), so the cgroup nslab started in must be left empty. Where systemd is PID 1, that
 * cgroup is a scope systemd owns, often shared with the login shell; nslab first asks systemd
 * for a scope of its own with the cgroup tree below it delegated ({@code nslab-PID.scope},
 * Delegate=yes), as container engines do. v1 has no such rule, but nslab moves the same way
 * there, so that a child's /proc/self/cgroup reads alike on v1, hybrid and v2.
 *
 * <p>In a grading sandbox the grader has made the cgroups already (see {@link #confine}):
 * nslab stays where it is, its children start in {@code student/main}, and the cgroups a
 * submission makes go beside that leaf, below the submission's limits.
 */
public final class Cgroups {
  /** The controllers nslab uses: pids.max, memory.max and cpu.max. */
  private static final List<String> USED = List.of("pids", "memory", "cpu");

  /** Where one controller lives: its hierarchy's mount point and the shell's cgroup there. */
  record Hierarchy(boolean v2, Path base) {}

  private final Map<String, Hierarchy> controllers;
  private final Path v2Mount;
  private final String prefix;
  private final Map<String, Map<String, Path>> made = new LinkedHashMap<>();
  private final List<Notice> notices = new ArrayList<>();

  /**
   * A line nslab says about its cgroups, in whichever language the session speaks: an
   * argument that is a Key is a message of its own (the limit's name).
   */
  public record Notice(Key key, List<Object> args) {
    Notice(Key key, Object... args) {
      this(key, List.of(args));
    }

    public String in(Text text) {
      return text.get(key, args.stream().map(a -> a instanceof Key k ? text.get(k) : a)
          .toArray());
    }
  }

  /**
   * In a grading sandbox, the cgroup (below the cgroup namespace's root) that holds the
   * submission's processes and carries its limits; null elsewhere. Its leaf {@code main} is
   * where every child starts.
   */
  private static volatile String confined;

  /** The directory below the sandbox's cgroup root that the grader gives a submission. */
  public static final String STUDENT = "student";

  /** The grader's own directory there: nslab's JVM in the sandbox, beside the submission. */
  public static final String GRADER = "grader";

  private Cgroups(Map<String, Hierarchy> controllers, Path v2Mount, String prefix) {
    this.controllers = controllers;
    this.v2Mount = v2Mount;
    this.prefix = prefix;
  }

  /**
   * Reads the layout from this process's mountinfo and cgroup files (v1, hybrid or v2).
   * Where systemd is PID 1 on pure cgroup v2 and this process is root, it first gets a
   * delegated scope of its own (see {@link Scope}).
   */
  public static Cgroups detect() throws IOException {
    List<MountInfo> mounts =
        MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo")));
    boolean v1 = mounts.stream().anyMatch(m -> m.fstype().equals("cgroup"));
    if (confined == null && !v1 && mounts.stream().anyMatch(m -> m.fstype().equals("cgroup2"))) {
      Scope.ensure(mounts.stream().filter(m -> m.fstype().equals("cgroup2"))
          .map(m -> Path.of(m.target())).findFirst().orElseThrow());
    }
    Map<String, String> ownPaths = ownPaths();
    if (confined != null) {
      ownPaths.replaceAll((k, v) -> "/" + confined);
    }
    Map<String, Hierarchy> found = new LinkedHashMap<>();
    Path v2 = null;
    for (MountInfo m : mounts) {
      if (m.fstype().equals("cgroup2")) {
        v2 = Path.of(m.target());
      } else if (m.fstype().equals("cgroup")) {
        for (String opt : m.superOptions().split(",")) {
          String key = hierarchyKey(opt, ownPaths);
          if (USED.contains(opt) && ownPaths.containsKey(key)) {
            found.put(opt, new Hierarchy(false, under(m.target(), ownPaths.get(key))));
          }
        }
      }
    }
    if (v2 != null && ownPaths.containsKey("")) {
      Path base = under(v2.toString(), ownPaths.get(""));
      for (String c : available(base)) {
        if (USED.contains(c) && !found.containsKey(c)) {
          found.put(c, new Hierarchy(true, base));
        }
      }
    }
    return new Cgroups(found, v2, "nslab-" + ProcessHandle.current().pid() + "-");
  }

  /**
   * At start, as root: removes the cgroups that nslab processes that have died left beside
   * this one's cgroup (an nslab killed with SIGKILL cannot remove its own; its guardian has
   * ended their processes), and says so, a line per dead nslab. Changes nothing else, and
   * asks systemd for nothing.
   */
  public static List<String> sweepAtStart() {
    return sweepAtStart(Text.english());
  }

  /** As {@link #sweepAtStart()}, said in {@code text}'s language. */
  public static List<String> sweepAtStart(Text text) {
    try {
      if (ProcFs.statusId("Uid") != 0) {
        return List.of();
      }
      List<MountInfo> mounts =
          MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo")));
      Map<String, String> own = ownPaths();
      Set<Path> bases = new LinkedHashSet<>();
      for (MountInfo m : mounts) {
        if (m.fstype().equals("cgroup2") && own.containsKey("")) {
          bases.add(under(m.target(), own.get("")));
        } else if (m.fstype().equals("cgroup")) {
          for (String opt : m.superOptions().split(",")) {
            String key = hierarchyKey(opt, own);
            if (USED.contains(opt) && own.containsKey(key)) {
              bases.add(under(m.target(), own.get(key)));
            }
          }
        }
      }
      List<String> out = new ArrayList<>();
      for (Path base : bases) {
        for (Notice notice : Own.sweep(base)) {
          if (!out.contains(notice.in(text))) {
            out.add(notice.in(text));
          }
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of(); // Tolerated: the next cgroup nslab makes sweeps again.
    }
  }

  /** This process's cgroup in each hierarchy: "" is v2's, "cpu,cpuacct" a v1 one's. */
  private static Map<String, String> ownPaths() throws IOException {
    Map<String, String> own = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] f = line.split(":", 3);
      own.put(f[1], f[2]);
    }
    return own;
  }

  /**
   * In a grading sandbox, the cgroup.procs files (open for writing since {@link #confine}) of
   * the leaf every child starts in and of the grader's own cgroup, one per hierarchy: the
   * submission may unmount its cgroup file systems, and nslab still places every child.
   */
  private static final List<java.nio.channels.FileChannel> leafProcs = new ArrayList<>();
  private static final List<java.nio.channels.FileChannel> graderProcs = new ArrayList<>();

  /**
   * Inside a grading sandbox: the grader has put this process in {@link #GRADER} and made
   * {@link #STUDENT}, with the submission's limits, and {@code STUDENT/main} below it (both
   * directly below the sandbox's cgroup root, which is where its cgroup file systems are
   * mounted). From here on, every child starts in {@code main} (see {@link #openLeaf}) and
   * cgroups are made beside it, so the submission's processes use its limits and nslab's own
   * threads, and the checks, use the grader's. False, and nothing changes, where there is no
   * such cgroup (a machine without cgroup controllers).
   */
  public static synchronized boolean confine() throws IOException {
    List<Path> roots = new ArrayList<>(List.of(Path.of("/sys/fs/cgroup")));
    try (var below = Files.list(Path.of("/sys/fs/cgroup"))) {
      below.filter(d -> !Files.isSymbolicLink(d) && Files.isDirectory(d)).forEach(roots::add);
    }
    for (Path root : roots) {
      Path leaf = root.resolve(STUDENT).resolve("main").resolve("cgroup.procs");
      Path grader = root.resolve(GRADER).resolve("cgroup.procs");
      if (Files.exists(leaf) && Files.exists(grader)) {
        leafProcs.add(java.nio.channels.FileChannel.open(leaf,
            java.nio.file.StandardOpenOption.WRITE));
        graderProcs.add(java.nio.channels.FileChannel.open(grader,
            java.nio.file.StandardOpenOption.WRITE));
      }
    }
    if (!leafProcs.isEmpty()) {
      confined = STUDENT;
    }
    return confined != null;
  }

  /** Whether this process runs in a grading sandbox whose grader confined it (see {@link #confine}). */
  public static boolean confined() {
    return confined != null;
  }

  /**
   * The cgroup.procs files of the leaf every child starts in, in a grading sandbox, for
   * {@link #join}, which keeps them open; null elsewhere, where a child starts in nslab's own
   * cgroup.
   */
  public static List<java.nio.channels.FileChannel> openLeaf() {
    return confined == null ? null : leafProcs;
  }

  /**
   * Runs {@code action} while this process is in the leaf its children start in (a grading
   * sandbox only; elsewhere it is there already, or in the cgroup they start in). A cgroup
   * namespace made meanwhile has that leaf as its root, so that a child's /proc/self/cgroup
   * reads as it does outside a sandbox. Moving back costs nothing against the submission's
   * limits: cgroups charge forks and allocations, not moves.
   */
  public static synchronized <T> T inLeaf(java.util.concurrent.Callable<T> action)
      throws Exception {
    if (confined == null) {
      return action.call();
    }
    long self = ProcessHandle.current().pid();
    join(leafProcs, self);
    try {
      return action.call();
    } finally {
      join(graderProcs, self);
    }
  }

  /** The controllers a v2 cgroup may give its children (cgroup.controllers). */
  private static List<String> available(Path dir) {
    try {
      String line = Files.readString(dir.resolve("cgroup.controllers")).trim();
      return line.isEmpty() ? List.of() : List.of(line.split(" "));
    } catch (IOException e) {
      return List.of(); // Tolerated: not a v2 cgroup we can read.
    }
  }

  /** /proc/self/cgroup names a v1 hierarchy by all its controllers ("cpu,cpuacct"). */
  private static String hierarchyKey(String controller, Map<String, String> own) {
    for (String key : own.keySet()) {
      if (List.of(key.split(",")).contains(controller)) {
        return key;
      }
    }
    return controller;
  }

  private static Path under(String mount, String path) {
    return Path.of(mount + (path.equals("/") ? "" : path));
  }

  /** "v1 (pids, memory, cpu)" or "v2 (memory, pids)": what the machine offers. */
  public String layout() {
    boolean anyV1 = controllers.values().stream().anyMatch(h -> !h.v2());
    boolean anyV2 = controllers.values().stream().anyMatch(Hierarchy::v2);
    String kind = anyV1 && anyV2 ? "hybrid" : anyV2 ? "v2" : anyV1 ? "v1"
        : v2Mount != null ? "v2" : "none";
    return kind + " (" + String.join(", ", controllers.keySet()) + ")";
  }

  public boolean has(String controller) {
    return controllers.containsKey(controller);
  }

  /**
   * One-line notices from the last {@link #create}: limits that this machine's cgroups could
   * not apply (a controller that is not delegated here), and so were left off.
   */
  public List<String> notices(Text text) {
    return notices.stream().map(n -> n.in(text)).toList();
  }

  /**
   * Makes NAME (a path below nslab's own cgroups: "grade-1/box" is a child of "grade-1") in
   * every hierarchy that has a controller in {@code limits}, and in the pids hierarchy (or
   * v2) anyway, then writes the limits. {@code limits} maps controller to file contents in
   * v2's terms (pids.max, memory.max in bytes, cpu.max "QUOTA PERIOD"); a null value makes
   * the controller available below NAME without a limit of NAME's own. A controller this
   * machine does not offer turns its limit off, with a notice.
   */
  public synchronized Map<String, Path> create(String name, Map<String, String> limits)
      throws IOException {
    if (made.containsKey(name)) {
      throw new Said.Failure(Key.CGROUP_EXISTS, name);
    }
    notices.clear();
    if (!name.contains("/")) {
      Own.claim(this);
    }
    Map<String, Path> dirs = new LinkedHashMap<>();
    List<String> wanted = new ArrayList<>();
    for (String c : limits.keySet()) {
      if (controllers.containsKey(c)) {
        wanted.add(c);
      } else {
        notices.add(missing(c));
      }
    }
    if (wanted.isEmpty() && !controllers.isEmpty()) {
      wanted.add(controllers.containsKey("pids") ? "pids" : controllers.keySet().iterator().next());
    }
    made.put(name, dirs);
    try {
      for (String c : wanted) {
        Hierarchy h = controllers.get(c);
        if (h == null) {
          throw new Said.Failure(Key.CGROUP_NO_CONTROLLER, layout());
        }
        Path dir = h.base().resolve(prefix + name);
        if (h.v2()) {
          enableDownTo(h.base(), dir, c);
        }
        if (!dirs.containsValue(dir)) {
          Files.createDirectories(dir);
        }
        dirs.put(c, dir);
        String value = limits.get(c);
        if (value != null) {
          write(dir, c, h.v2(), value);
        }
      }
    } catch (IOException e) {
      delete(name);
      throw e;
    }
    return dirs;
  }

  /** Why a limit is off: the controller is not there, or not given to nslab's cgroup. */
  private Notice missing(String controller) {
    Key limit = switch (controller) {
      case "pids" -> Key.NOTE_CGROUP_LIMIT_PIDS;
      case "memory" -> Key.NOTE_CGROUP_LIMIT_MEMORY;
      default -> Key.NOTE_CGROUP_LIMIT_CPU;
    };
    if (v2Mount != null && controllers.values().stream().allMatch(Hierarchy::v2)) {
      return new Notice(Key.NOTE_CGROUP_OFF_NOT_GIVEN, limit, controller);
    }
    return new Notice(Key.NOTE_CGROUP_OFF_NONE, limit, controller, layout());
  }

  /**
   * cgroup v2 lets a cgroup's children use a controller only if the cgroup enables it in
   * cgroup.subtree_control: enables it in every cgroup from nslab's own down to the parent
   * of {@code dir}. nslab's own cgroup holds no process by now (see {@link Own#claim}).
   */
  private void enableDownTo(Path base, Path dir, String controller) throws IOException {
    List<Path> parents = new ArrayList<>();
    for (Path p = dir.getParent(); p != null && p.startsWith(base); p = p.getParent()) {
      parents.add(0, p);
    }
    for (Path p : parents) {
      if (p.equals(base)) {
        Own.enable(p, controller);
      } else {
        enable(p, controller);
      }
    }
  }

  /** Adds a controller to a cgroup's subtree_control unless it is there; true if it added. */
  static boolean enable(Path cgroup, String controller) throws IOException {
    String enabled = Files.readString(cgroup.resolve("cgroup.subtree_control")).trim();
    if (List.of(enabled.split(" ")).contains(controller)) {
      return false;
    }
    Files.writeString(cgroup.resolve("cgroup.subtree_control"), "+" + controller);
    return true;
  }

  private static void write(Path dir, String controller, boolean v2, String value)
      throws IOException {
    switch (controller) {
      case "pids" -> Files.writeString(dir.resolve("pids.max"), value);
      case "memory" -> Files.writeString(
          dir.resolve(v2 ? "memory.max" : "memory.limit_in_bytes"), value);
      case "cpu" -> {
        String[] qp = value.split(" ");
        if (v2) {
          Files.writeString(dir.resolve("cpu.max"), value);
        } else {
          Files.writeString(dir.resolve("cpu.cfs_period_us"), qp[1]);
          Files.writeString(dir.resolve("cpu.cfs_quota_us"), qp[0].equals("max") ? "-1" : qp[0]);
        }
      }
      default -> throw new IOException("no such controller: " + controller);
    }
  }

  /** The cgroup.procs files a child must be written into to join NAME. */
  public List<Path> procsFiles(String name) throws IOException {
    Map<String, Path> dirs = made.get(name);
    if (dirs == null) {
      throw new Said.Failure(Key.CGROUP_NONE_CREATE, name);
    }
    return dirs.values().stream().distinct().map(d -> d.resolve("cgroup.procs")).toList();
  }

  /**
   * Opens NAME's cgroup.procs files for writing, from the calling thread: a thread whose root
   * was moved (pivot_root) can no longer reach /sys/fs/cgroup, but it can write to these.
   */
  public List<java.nio.channels.FileChannel> openProcs(String name) throws IOException {
    List<java.nio.channels.FileChannel> out = new ArrayList<>();
    for (Path procs : procsFiles(name)) {
      out.add(java.nio.channels.FileChannel.open(procs, java.nio.file.StandardOpenOption.WRITE));
    }
    return out;
  }

  /** Moves a process into a cgroup through its open cgroup.procs files, then closes them. */
  public static void join(List<java.nio.channels.FileChannel> procs, long pid) throws IOException {
    try {
      for (java.nio.channels.FileChannel c : procs) {
        c.write(java.nio.ByteBuffer.wrap(Long.toString(pid).getBytes(StandardCharsets.US_ASCII)));
      }
    } finally {
      close(procs);
    }
  }

  /** Closes cgroup.procs files opened for one move; a sandbox's leaf and grader stay open. */
  public static void close(List<java.nio.channels.FileChannel> procs) {
    if (procs == leafProcs || procs == graderProcs) {
      return;
    }
    for (java.nio.channels.FileChannel c : procs) {
      try {
        c.close();
      } catch (IOException e) {
        // Tolerated: a cgroup.procs file holds nothing to flush.
      }
    }
  }

  public Map<String, Map<String, Path>> made() {
    return made;
  }

  /**
   * How many forks the kernel refused in NAME because of its pids.max (pids.events "max",
   * in v1 and v2 alike); 0 for a cgroup without the pids controller or not made here.
   */
  public synchronized long forksRefused(String name) throws IOException {
    Map<String, Path> dirs = made.get(name);
    Path dir = dirs == null ? null : dirs.get("pids");
    if (dir == null || !Files.exists(dir.resolve("pids.events"))) {
      return 0;
    }
    for (String line : Files.readAllLines(dir.resolve("pids.events"))) {
      String[] w = line.strip().split("\\s+");
      if (w.length == 2 && w[0].equals("max")) {
        return Long.parseLong(w[1]);
      }
    }
    return 0;
  }

  /** Kills what is left in NAME and removes its directories (and those of cgroups below it). */
  public synchronized void delete(String name) throws IOException {
    Map<String, Path> dirs = made.remove(name);
    if (dirs == null) {
      throw new Said.Failure(Key.CGROUP_NONE, name);
    }
    made.keySet().removeIf(n -> n.startsWith(name + "/"));
    try {
      for (Path dir : dirs.values().stream().distinct().toList()) {
        removeTree(dir);
      }
    } finally {
      if (made.isEmpty()) {
        Own.release(this);
      }
    }
  }

  /** Kills the processes in a cgroup and in the ones below it, and removes them, deepest first. */
  static void removeTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var below = Files.list(dir)) {
      for (Path d : below.filter(Files::isDirectory).toList()) {
        removeTree(d);
      }
    }
    Path kill = dir.resolve("cgroup.kill"); // v2, Linux 5.14: every process at once
    for (int tries = 0; tries < 500 && Files.exists(dir); tries++) {
      if (Files.exists(kill)) {
        Files.writeString(kill, "1");
      } else {
        for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.UTF_8)) {
          if (!pid.isBlank() && Integer.parseInt(pid.trim()) > 0) {
            Syscalls.libc().kill(Integer.parseInt(pid.trim()), 9);
          }
        }
      }
      try {
        Files.delete(dir);
      } catch (IOException e) {
        // EBUSY while the killed processes are still being reaped: try again shortly.
        sleep();
      }
    }
    if (Files.exists(dir)) {
      throw new Said.Failure(Key.CGROUP_STILL_HAS_PROCESSES, dir);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes every cgroup this session made. */
  public synchronized void deleteAll() {
    for (String name : new ArrayList<>(made.keySet())) {
      try {
        if (made.containsKey(name)) {
          delete(name);
        }
      } catch (IOException e) {
        // Tolerated at exit: say nothing more can be done; the directory stays.
      }
    }
  }

  /**
   * A systemd scope of this process's own, {@code nslab-PID.scope}, with Delegate=yes. The
   * cgroup a shell runs in under systemd is a scope of systemd's (a login session, a service),
   * which holds other processes and which nslab must not change. systemd makes a new
   * transient scope (systemd-run --scope), this process moves into it, systemd delegates the
   * tree below it, and removes it once its last process has ended. Asked once per process; where it cannot be had, nslab stays where it is and says
   * why when it needs a cgroup.
   */
  static final class Scope {
    private static boolean tried;
    private static Said refused;

    private Scope() {}

    static synchronized void ensure(Path v2Mount) {
      if (tried) {
        return;
      }
      tried = true;
      long self = ProcessHandle.current().pid();
      String unit = "nslab-" + self + ".scope";
      try {
        if (!Files.isDirectory(Path.of("/run/systemd/system")) || ProcFs.statusId("Uid") != 0
            || ownPaths().getOrDefault("", "").endsWith("/" + unit)) {
          return;
        }
        // systemd-run makes the scope around a short-lived shell of its own (over systemd's
        // private socket as root: no D-Bus daemon needed), and that shell moves this process
        // into it before it ends: the scope then holds nslab alone.
        Process p = new ProcessBuilder("systemd-run", "--scope", "--quiet", "--collect",
            "-p", "Delegate=yes", "--unit=" + unit,
            "--description=nslab (pid " + self + ") and the cgroups it makes", "--",
            "sh", "-c", "echo " + self + " >\"$0$(sed -n 's/^0:://p' /proc/self/cgroup)"
                + "/cgroup.procs\"", v2Mount.toString())
            .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          refused = Said.of(Key.SCOPE_NOT_GIVEN, said.strip());
          return;
        }
        // The shell wrote this process into the scope before systemd-run returned.
        for (int i = 0; i < 2000; i++) {
          if (ownPaths().getOrDefault("", "").endsWith("/" + unit)) {
            return;
          }
          Thread.sleep(5);
        }
        refused = Said.of(Key.SCOPE_NOT_MOVED, unit);
      } catch (IOException e) {
        refused = Said.of(Key.SCOPE_NOT_ASKED, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Why there is no scope of nslab's own under systemd, or null. */
    static synchronized Said refused() {
      return refused;
    }
  }

  /**
   * The leaf this process moved itself into, one per process whatever the number of
   * sessions, with the controllers it enabled in the cgroup it left: while any session has a
   * cgroup, the process stays in its leaf; when the last is deleted, it moves back and undoes
   * what it did.
   */
  static final class Own {
    private static final Set<Cgroups> users = new LinkedHashSet<>();
    /** Hierarchy base -> the leaf this process is in there. */
    private static final Map<Path, Path> leaves = new LinkedHashMap<>();
    /** v2 bases and the controllers enabled in their subtree_control by this process. */
    private static final Map<Path, Set<String>> enabled = new LinkedHashMap<>();

    private Own() {}

    static synchronized void claim(Cgroups who) throws IOException {
      users.add(who);
      if (!leaves.isEmpty()) {
        return;
      }
      if (confined != null) {
        // The grader made the leaf, and this process stays in its own cgroup.
        who.controllers.values().forEach(h -> leaves.put(h.base(), h.base().resolve("main")));
        return;
      }
      long self = ProcessHandle.current().pid();
      Path leafName = Path.of("nslab-" + self);
      Set<Path> bases = new LinkedHashSet<>();
      who.controllers.values().forEach(h -> bases.add(h.base()));
      for (Path base : bases) {
        who.notices.addAll(sweep(base));
        boolean v2 = who.controllers.values().stream().anyMatch(h -> h.v2() && h.base().equals(base));
        if (v2) {
          List<String> others = others(base, self);
          if (!others.isEmpty()) {
            Said why = Scope.refused();
            Said crowded = crowded(base, others);
            throw why == null ? new Said.Failure(crowded)
                : new Said.Failure(Key.CGROUP_CROWDED_WHY, crowded, why);
          }
        }
        Path leaf = base.resolve(leafName);
        Files.createDirectories(leaf);
        try {
          Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(self));
        } catch (IOException e) {
          Files.deleteIfExists(leaf);
          throw (IOException) new Said.Failure(Key.CGROUP_CANNOT_MOVE, leaf, e.getMessage())
              .initCause(e);
        }
        long guardian = Guardian.pid();
        if (guardian > 0
            && Files.readAllLines(base.resolve("cgroup.procs")).contains(Long.toString(guardian))) {
          try {
            Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(guardian));
          } catch (IOException e) {
            // Tolerated: the guardian has just ended; nslab goes on without it.
          }
        }
        leaves.put(base, leaf);
      }
    }

    private static final java.util.regex.Pattern LEFT =
        java.util.regex.Pattern.compile("nslab-(\\d+)(-.+|\\.scope)?");

    /**
     * Removes what nslab processes that have died left below {@code base} (and, under systemd,
     * beside nslab's own scope): their leaves, the cgroups they made and the processes still
     * in them. An nslab killed outright (SIGKILL) has no chance to do it itself. Only cgroups
     * named as nslab names its own, for an nslab whose pid is gone, are touched; a scope is
     * emptied and left to systemd, which removes it then. One notice per dead nslab.
     */
    static List<Notice> sweep(Path base) {
      List<Path> places = new ArrayList<>(List.of(base));
      if (base.getFileName() != null && base.getFileName().toString().matches("nslab-\\d+\\.scope")) {
        places.add(base.getParent());
      }
      Map<String, List<String>> removed = new LinkedHashMap<>();
      Map<String, Integer> ended = new LinkedHashMap<>();
      for (Path place : places) {
        List<Path> dirs;
        try (var list = Files.list(place)) {
          dirs = list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
          continue; // Tolerated: nothing to read here, nothing to sweep.
        }
        for (Path dir : dirs) {
          java.util.regex.Matcher m = LEFT.matcher(dir.getFileName().toString());
          if (!m.matches() || dir.equals(base) || alive(m.group(1), place)
              || !judgeable(dir)) {
            continue;
          }
          try {
            ended.merge(m.group(1), processesIn(dir), Integer::sum);
            if (dir.getFileName().toString().endsWith(".scope")) {
              try (var below = Files.list(dir)) {
                for (Path d : below.filter(Files::isDirectory).toList()) {
                  removeTree(d);
                }
              }
              Path kill = dir.resolve("cgroup.kill");
              if (Files.exists(kill)) {
                Files.writeString(kill, "1");
              }
            } else {
              removeTree(dir);
            }
            removed.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                .add(dir.getFileName().toString());
          } catch (IOException e) {
            // Tolerated: it stays, as it was; the next start tries again.
          }
        }
      }
      List<Notice> out = new ArrayList<>();
      removed.forEach((pid, names) -> out.add(new Notice(Key.NOTE_CGROUP_SWEPT,
          String.join(", ", names), pid, ended.getOrDefault(pid, 0))));
      return out;
    }

    /**
     * Whether the nslab that named its cgroups with {@code pid} still runs: a process of
     * that pid here, or a JVM still in its leaf (an nslab in another PID namespace numbers
     * itself otherwise, and a process outside this one's shows in cgroup.procs as 0).
     */
    private static boolean alive(String pid, Path place) {
      if (ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
        return true;
      }
      for (Path leaf : List.of(place.resolve("nslab-" + pid),
          place.resolve("nslab-" + pid + ".scope").resolve("nslab-" + pid))) {
        try {
          for (String l : Files.readAllLines(leaf.resolve("cgroup.procs"))) {
            String p = l.trim();
            if (p.equals("0") || (!p.isEmpty() && Files.readString(Path.of("/proc", p, "comm"))
                .strip().equals("java"))) {
              return true;
            }
          }
        } catch (IOException | RuntimeException e) {
          // Tolerated: no such leaf, or its process just ended.
        }
      }
      return false;
    }

    /**
     * Whether this process can tell that the nslab which made {@code dir} is gone. A pid is
     * named in this process's PID namespace; an nslab in another one (a parent's, a
     * sibling's) is invisible here, and so are its processes: cgroup.procs shows them as 0.
     * So a cgroup holding such a process is never judged, and outside the initial PID
     * namespace (4026531836, PROC_PID_INIT_INO) neither is an empty one: its nslab may live
     * where this one cannot see it.
     */
    private static boolean judgeable(Path dir) {
      int visible = 0;
      try (var all = Files.walk(dir)) {
        for (Path procs : all.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
            .toList()) {
          for (String l : Files.readAllLines(procs)) {
            if (l.trim().equals("0")) {
              return false;
            }
            if (!l.isBlank()) {
              visible++;
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        return false;
      }
      return visible > 0 || initialPidNamespace();
    }

    private static boolean initialPidNamespace() {
      try {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/pid")).toString()
            .equals("pid:[4026531836]");
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    /** How many processes a cgroup and the ones below it hold. */
    private static int processesIn(Path dir) throws IOException {
      int n = 0;
      try (var all = Files.walk(dir)) {
        for (Path procs : all.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
            .toList()) {
          n += (int) Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).count();
        }
      }
      return n;
    }

    /**
     * Processes in a cgroup other than this one and its guardian (cgroup.procs shows an
     * outsider as 0).
     */
    private static List<String> others(Path cgroup, long self) throws IOException {
      List<String> out = new ArrayList<>();
      String guardian = Long.toString(Guardian.pid());
      for (String l : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
        if (!l.isBlank() && !l.trim().equals(Long.toString(self)) && !l.trim().equals(guardian)) {
          out.add(l.trim());
        }
      }
      return out;
    }

    private static Said crowded(Path base, List<String> others) {
      String some = String.join(" ", others.subList(0, Math.min(5, others.size())))
          + (others.size() > 5 ? " ..." : "");
      int n = others.size();
      return Said.of(n == 1 ? Key.CGROUP_CROWDED_ONE : Key.CGROUP_CROWDED, base, n, some);
    }

    /** Enables a controller in a v2 base this process left empty, remembering it to undo. */
    static synchronized void enable(Path base, String controller) throws IOException {
      try {
        if (Cgroups.enable(base, controller)) {
          enabled.computeIfAbsent(base, b -> new LinkedHashSet<>()).add(controller);
        }
      } catch (IOException e) {
        throw (IOException) new Said.Failure(Key.CGROUP_WILL_NOT_ENABLE, controller, base,
            e.getMessage()).initCause(e);
      }
    }

    static synchronized void release(Cgroups who) {
      users.remove(who);
      if (!users.isEmpty() || leaves.isEmpty() || confined != null) {
        return;
      }
      long self = ProcessHandle.current().pid();
      enabled.forEach((base, cs) -> {
        for (String c : cs) {
          try {
            Files.writeString(base.resolve("cgroup.subtree_control"), "-" + c);
          } catch (IOException e) {
            // Tolerated: another cgroup below still uses it; it stays enabled.
          }
        }
      });
      enabled.clear();
      leaves.forEach((base, leaf) -> {
        try {
          // This process, and what it started that is still there (all of it nslab's own).
          Files.writeString(base.resolve("cgroup.procs"), Long.toString(self));
          for (String pid : Files.readAllLines(leaf.resolve("cgroup.procs"))) {
            if (!pid.isBlank() && !pid.trim().equals("0")) {
              Files.writeString(base.resolve("cgroup.procs"), pid.trim());
            }
          }
          Files.deleteIfExists(leaf);
        } catch (IOException e) {
          // Tolerated: the leaf stays, and this process with it, until it exits.
        }
      });
      leaves.clear();
    }
  }
}
