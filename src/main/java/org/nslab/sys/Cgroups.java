package org.nslab.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.ns.MountInfo;

/**
 * The cgroups nslab makes, in cgroup v2 or in the v1 hierarchies of a hybrid layout, always
 * below the cgroup the shell itself runs in, never beside or above it. They are removed when
 * the session ends.
 */
public final class Cgroups {
  /** Where one controller lives: its hierarchy's mount point and the shell's cgroup there. */
  record Hierarchy(boolean v2, Path base) {}

  private final Map<String, Hierarchy> controllers;
  private final String prefix;
  private final Map<String, Map<String, Path>> made = new LinkedHashMap<>();

  private Cgroups(Map<String, Hierarchy> controllers, String prefix) {
    this.controllers = controllers;
    this.prefix = prefix;
  }

  /** Reads the layout from this process's mountinfo and cgroup files (v1, hybrid or v2). */
  public static Cgroups detect() throws IOException {
    Map<String, Hierarchy> found = new LinkedHashMap<>();
    Map<String, String> ownPaths = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] f = line.split(":", 3);
      ownPaths.put(f[1].isEmpty() ? "" : f[1], f[2]);
    }
    Path v2 = null;
    for (MountInfo m : MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo")))) {
      if (m.fstype().equals("cgroup2")) {
        v2 = Path.of(m.target());
      } else if (m.fstype().equals("cgroup")) {
        for (String opt : m.superOptions().split(",")) {
          if (List.of("pids", "memory", "cpu").contains(opt) && ownPaths.containsKey(hierarchyKey(opt, ownPaths))) {
            found.put(opt, new Hierarchy(false, under(m.target(), ownPaths.get(hierarchyKey(opt, ownPaths)))));
          }
        }
      }
    }
    if (v2 != null && ownPaths.containsKey("")) {
      Path base = under(v2.toString(), ownPaths.get(""));
      String available = Files.readString(v2.resolve("cgroup.controllers")).trim();
      for (String c : available.isEmpty() ? new String[0] : available.split(" ")) {
        if (List.of("pids", "memory", "cpu").contains(c) && !found.containsKey(c)) {
          found.put(c, new Hierarchy(true, base));
        }
      }
    }
    return new Cgroups(found, "nslab-" + ProcessHandle.current().pid() + "-");
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
    return (anyV1 && anyV2 ? "hybrid" : anyV2 ? "v2" : "v1") + " (" + String.join(", ", controllers.keySet()) + ")";
  }

  public boolean has(String controller) {
    return controllers.containsKey(controller);
  }

  /**
   * Makes NAME in every hierarchy that has a controller in {@code limits}, and in the pids
   * hierarchy (or v2) anyway, then writes the limits. {@code limits} maps controller to file
   * contents in v2's terms (pids.max, memory.max in bytes, cpu.max "QUOTA PERIOD").
   */
  public Map<String, Path> create(String name, Map<String, String> limits) throws IOException {
    if (made.containsKey(name)) {
      throw new IOException("cgroup " + name + " exists already (cgroup delete " + name + ")");
    }
    Map<String, Path> dirs = new LinkedHashMap<>();
    List<String> wanted = new ArrayList<>(limits.keySet());
    if (wanted.isEmpty() && !controllers.isEmpty()) {
      wanted.add(controllers.containsKey("pids") ? "pids" : controllers.keySet().iterator().next());
    }
    made.put(name, dirs);
    for (String c : wanted) {
      Hierarchy h = controllers.get(c);
      if (h == null) {
        throw new IOException("this machine has no " + c + " controller available (" + layout() + ")");
      }
      Path dir = h.base().resolve(prefix + name);
      if (!dirs.containsValue(dir)) {
        if (h.v2()) {
          enableV2(h.base(), c);
        }
        Files.createDirectories(dir);
        dirs.put(c, dir);
      } else {
        dirs.put(c, dir);
      }
      String value = limits.get(c);
      if (value != null) {
        write(dir, c, h.v2(), value);
      }
    }
    return dirs;
  }

  /**
   * cgroup v2 lets a cgroup's children use a controller only if the cgroup enables it in
   * cgroup.subtree_control, and a cgroup with processes of its own may not ("no internal
   * processes"): nslab does not move itself to make room, it says so.
   */
  private static void enableV2(Path base, String controller) throws IOException {
    String enabled = Files.readString(base.resolve("cgroup.subtree_control"));
    if (List.of(enabled.trim().split(" ")).contains(controller)) {
      return;
    }
    try {
      Files.writeString(base.resolve("cgroup.subtree_control"), "+" + controller);
    } catch (IOException e) {
      throw new IOException(
          "cgroup v2 will not enable " + controller + " below " + base + ": a cgroup that has"
              + " processes of its own cannot pass controllers to children. Start nslab in a"
              + " delegated cgroup, for example: systemd-run --scope -p Delegate=yes scripts/nslab");
    }
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
      throw new IOException("no cgroup " + name + " (cgroup create " + name + ")");
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
      for (java.nio.channels.FileChannel c : procs) {
        c.close();
      }
    }
  }

  public Map<String, Map<String, Path>> made() {
    return made;
  }

  /** Kills what is left in NAME and removes its directories. */
  public void delete(String name) throws IOException {
    Map<String, Path> dirs = made.remove(name);
    if (dirs == null) {
      throw new IOException("no cgroup " + name);
    }
    for (Path dir : dirs.values().stream().distinct().toList()) {
      removeTree(dir);
    }
  }

  /** Kills the processes in a cgroup and in the ones below it, and removes them, deepest first. */
  private static void removeTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var below = Files.list(dir)) {
      for (Path d : below.filter(Files::isDirectory).toList()) {
        removeTree(d);
      }
    }
    for (int tries = 0; tries < 100 && Files.exists(dir); tries++) {
      for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.UTF_8)) {
        Syscalls.libc().kill(Integer.parseInt(pid.trim()), 9);
      }
      try {
        Files.delete(dir);
      } catch (IOException e) {
        // EBUSY while the killed processes are still being reaped: try again shortly.
        sleep();
      }
    }
    if (Files.exists(dir)) {
      throw new IOException("could not remove " + dir + ": it still has processes");
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
  public void deleteAll() {
    for (String name : new ArrayList<>(made.keySet())) {
      try {
        delete(name);
      } catch (IOException e) {
        // Tolerated at exit: say nothing more can be done; the directory stays.
      }
    }
  }
}
