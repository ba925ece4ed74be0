package org.nslab.workshop;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.text.JsonText;

/**
 * A student's progress through the labs, in one JSON file per user: for each lab, the step
 * they are on, and per step when it was passed, the hints taken, whether the answer was
 * shown, the time spent; and the commands typed, for lab submit. Saved after every change,
 * through a new file renamed over the old one, so a crash loses at most the last command.
 */
public final class Progress {
  /** One lab's progress. */
  public static final class LabState {
    public int step = 1;
    public long started;
    public long updated;
    public final Map<Integer, StepState> steps = new TreeMap<>();
    /** What was typed, with the step it was typed at. */
    public final List<Typed> commands = new ArrayList<>();

    public StepState step(int n) {
      return steps.computeIfAbsent(n, k -> new StepState());
    }

    public int passed() {
      return (int) steps.values().stream().filter(s -> s.passed > 0).count();
    }

    public int hints() {
      return steps.values().stream().mapToInt(s -> s.hints).sum();
    }

    public long seconds() {
      return steps.values().stream().mapToLong(s -> s.seconds).sum();
    }
  }

  /** One step's progress. passed is when (epoch seconds), or 0. */
  public static final class StepState {
    public long passed;
    public int hints;
    public boolean answer;
    public long seconds;
  }

  public record Typed(int step, String line) {}

  private final Path file;
  private final Map<String, LabState> labs = new TreeMap<>();

  private Progress(Path file) {
    this.file = file;
  }

  /**
   * $NSLAB_STATE_DIR, else $XDG_STATE_HOME/nslab, else ~/.local/state/nslab: progress.json.
   * Under sudo, ~ is the home of the user who ran sudo ($SUDO_USER), not root's: progress is
   * per student, and several students may share a machine through sudo.
   */
  public static Path defaultFile(Map<String, String> env) {
    String dir = env.get("NSLAB_STATE_DIR");
    if (dir == null || dir.isEmpty()) {
      String xdg = env.get("XDG_STATE_HOME");
      dir = xdg != null && !xdg.isEmpty() ? xdg + "/nslab"
          : home(env) + "/.local/state/nslab";
    }
    return Path.of(dir, "progress.json");
  }

  /** $SUDO_USER's home from /etc/passwd under sudo, else $HOME. */
  static String home(Map<String, String> env) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    String user = env.get("SUDO_USER");
    if (user == null || user.isEmpty() || user.equals("root")) {
      return home;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":", -1);
        if (f.length >= 6 && f[0].equals(user) && !f[5].isEmpty()) {
          return f[5];
        }
      }
    } catch (IOException e) {
      // no passwd file to read: $HOME it is
    }
    return home;
  }

  /** Reads the file (none yet: no progress). A damaged file is an error, never overwritten. */
  public static Progress load(Path file) throws IOException {
    Progress p = new Progress(file);
    if (!Files.exists(file)) {
      return p;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      p.read(text);
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a progress file nslab can read (" + e.getMessage()
          + "); move it away to start afresh");
    }
    return p;
  }

  public Path file() {
    return file;
  }

  public Map<String, LabState> labs() {
    return labs;
  }

  public LabState lab(String id) {
    return labs.computeIfAbsent(id, k -> {
      LabState s = new LabState();
      s.started = now();
      s.updated = s.started;
      return s;
    });
  }

  public void reset(String id) {
    labs.remove(id);
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @SuppressWarnings("unchecked")
  private void read(String text) {
    Map<String, Object> root = (Map<String, Object>) JsonText.parse(text);
    Map<String, Object> all = (Map<String, Object>) root.get("labs");
    for (Map.Entry<String, Object> e : all.entrySet()) {
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      LabState s = new LabState();
      s.step = ((Long) m.get("step")).intValue();
      s.started = (Long) m.get("started");
      s.updated = (Long) m.get("updated");
      for (Map.Entry<String, Object> st : ((Map<String, Object>) m.get("steps")).entrySet()) {
        Map<String, Object> v = (Map<String, Object>) st.getValue();
        StepState ss = new StepState();
        ss.passed = (Long) v.get("passed");
        ss.hints = ((Long) v.get("hints")).intValue();
        ss.answer = (Boolean) v.get("answer");
        ss.seconds = (Long) v.get("seconds");
        s.steps.put(Integer.parseInt(st.getKey()), ss);
      }
      for (Object c : (List<Object>) m.get("commands")) {
        Map<String, Object> t = (Map<String, Object>) c;
        s.commands.add(new Typed(((Long) t.get("step")).intValue(), (String) t.get("line")));
      }
      labs.put(e.getKey(), s);
    }
  }

  String toJson() {
    StringBuilder sb = new StringBuilder("{\n  \"labs\": {");
    boolean firstLab = true;
    for (Map.Entry<String, LabState> e : labs.entrySet()) {
      LabState s = e.getValue();
      sb.append(firstLab ? "\n" : ",\n").append("    ").append(JsonText.quote(e.getKey()))
          .append(": {\"step\": ").append(s.step).append(", \"started\": ").append(s.started)
          .append(", \"updated\": ").append(s.updated).append(",\n      \"steps\": {");
      firstLab = false;
      boolean first = true;
      for (Map.Entry<Integer, StepState> st : s.steps.entrySet()) {
        StepState v = st.getValue();
        sb.append(first ? "" : ", ").append("\"").append(st.getKey()).append("\": {\"passed\": ")
            .append(v.passed).append(", \"hints\": ").append(v.hints).append(", \"answer\": ")
            .append(v.answer).append(", \"seconds\": ").append(v.seconds).append("}");
        first = false;
      }
      sb.append("},\n      \"commands\": [");
      first = true;
      for (Typed t : s.commands) {
        sb.append(first ? "\n" : ",\n").append("        {\"step\": ").append(t.step())
            .append(", \"line\": ").append(JsonText.quote(t.line())).append("}");
        first = false;
      }
      sb.append(first ? "]}" : "\n      ]}");
    }
    sb.append(firstLab ? "}\n}\n" : "\n  }\n}\n");
    return sb.toString();
  }

  /**
   * Writes a file of the student's (a submission): its missing directories and the file
   * belong to the student under sudo, as the progress file does.
   */
  public void writeOwned(Path path, String text) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    makeDirectories(dir);
    Files.writeString(path, text, StandardCharsets.UTF_8);
    if (owner != null && path.toAbsolutePath().startsWith(file.toAbsolutePath().getParent())) {
      Files.setAttribute(path, "unix:uid", owner[0]);
      Files.setAttribute(path, "unix:gid", owner[1]);
    }
  }

  private void makeDirectories(Path dir) throws IOException {
    if (owner != null && !Files.isDirectory(dir)) {
      // Make the missing directories one by one, each the student's.
      Path missing = dir;
      java.util.Deque<Path> made = new java.util.ArrayDeque<>();
      while (missing != null && !Files.exists(missing)) {
        made.push(missing);
        missing = missing.getParent();
      }
      for (Path d : made) {
        Files.createDirectory(d);
        Files.setAttribute(d, "unix:uid", owner[0]);
        Files.setAttribute(d, "unix:gid", owner[1]);
      }
    }
    Files.createDirectories(dir);
  }

  /** Writes the file: to a new file first, synced, then renamed over the old one. */
  public void save() throws IOException {
    makeDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      c.write(java.nio.ByteBuffer.wrap(toJson().getBytes(StandardCharsets.UTF_8)));
      c.force(true);
    }
    if (owner != null) {
      // Under sudo, the student owns their progress, as they would without sudo.
      Files.setAttribute(tmp, "unix:uid", owner[0]);
      Files.setAttribute(tmp, "unix:gid", owner[1]);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private int[] owner;

  /** The file (and directories made for it) will belong to this user: sudo's caller. */
  public Progress ownedBy(Map<String, String> env) {
    try {
      int uid = Integer.parseInt(env.getOrDefault("SUDO_UID", ""));
      int gid = Integer.parseInt(env.getOrDefault("SUDO_GID", ""));
      if (uid != 0 && env.get("NSLAB_STATE_DIR") == null) {
        owner = new int[] {uid, gid};
      }
    } catch (NumberFormatException e) {
      // not under sudo
    }
    return this;
  }
}
