package org.nslab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;

/**
 * The recorder's rules: which lines start a shell that reads the keyboard (and so keep the
 * terminal), and how printed output becomes expected lines that replay on another machine.
 */
class RecorderTest {
  private static final org.nslab.cmd.Registry REGISTRY = org.nslab.cmd.Registry.standard();

  @Test
  void aShellWithNothingToRunIsInteractive() {
    assertTrue(Recorder.interactive(REGISTRY, "spawn sh"));
    assertTrue(Recorder.interactive(REGISTRY, "spawn /bin/bash -l"));
    assertTrue(Recorder.interactive(REGISTRY, "spawn --ns c1 sh -i"));
    assertTrue(Recorder.interactive(REGISTRY, "spawn chroot rootfs /bin/sh"));
    assertTrue(Recorder.interactive(REGISTRY, "run target/rootfs"));
    assertTrue(Recorder.interactive(REGISTRY, "run --hostname c1 --keep target/rootfs sh"));
  }

  @Test
  void aCommandOrAScriptIsNot() {
    assertFalse(Recorder.interactive(REGISTRY, "spawn sh -c 'echo hi'"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn hostname"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn bash script.sh"));
    assertFalse(Recorder.interactive(REGISTRY, "run --hostname c1 target/rootfs hostname"));
    assertFalse(Recorder.interactive(REGISTRY, "hostname sh"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn 'sh"));
  }

  private static final String ESC = "\u001b";

  /** A recorder that has seen the lab task in uts 4026531838, then in 4026532181. */
  private static Recorder recorder() {
    Recorder r = new Recorder();
    r.host("vm1");
    r.learn(new NsSnapshot(Map.of(NsFile.UTS, new NsId(NsKind.UTS, 4026531838L),
        NsFile.MNT, new NsId(NsKind.MNT, 4026531841L))));
    r.learn(new NsSnapshot(Map.of(NsFile.UTS, new NsId(NsKind.UTS, 4026532181L),
        NsFile.MNT, new NsId(NsKind.MNT, 4026531841L))));
    return r;
  }

  @Test
  void coloursGoStandardErrorIsMarkedAndAStatusFollows() {
    List<String> lines = recorder().expected(
        ESC + "[1;33muts               4026531838 -> 4026532181  (new)" + ESC + "[0m\n",
        ESC + "[31mhostname: refusing to rename vm1" + ESC + "[39m\nsecond line\n", 1, false);
    assertEquals(List.of("uts               {uts0} -> {uts1}  (new)",
        "! hostname: refusing to rename {host}", "! second line", "[1]"), lines);
  }

  @Test
  void whatDiffersBetweenRunsBecomesAPattern() {
    Recorder r = recorder();
    assertEquals(List.of("lab task (pid {*}, thread {*})",
        "    link/ether {*} brd ff:ff:ff:ff:ff:ff", "ns self: {*} per call",
        "hostname {host} -> demo  (in uts {uts1})", "[1] {*} sleep 100"),
        r.expected("lab task (pid 2930, thread 2950)\n"
            + "    link/ether 5a:0c:11:9e:2b:7f brd ff:ff:ff:ff:ff:ff\n"
            + "ns self: 1.25 ms per call\nhostname vm1 -> demo  (in uts 4026532181)\n"
            + "[1] 4242 sleep 100\n", "", 0, false));
    // A word that only contains the hostname stays.
    assertEquals(List.of("vm10 vm1.example {host}"), r.expected("vm10 vm1.example vm1", "", 0,
        false));
  }

  @Test
  void lsnsRowsBecomeEllipsesButTheLabTasksOwnOne() {
    String table = String.join("\n",
        "        NS TYPE NPROCS   PID USER COMMAND",
        "4026531838 uts      66     1 root /sbin/init",
        "4026532001 uts       1   622 root /lib/systemd/systemd-logind",
        ESC + "[1;33m4026532181 uts       1  2950 root java -jar nslab.jar" + ESC + "[0m",
        "only a thread is in uts 4026532181 (its id is in the PID column): util-linux lsns,"
            + " which reads /proc/PID/ns, does not list it", "");
    assertEquals(List.of("{*}NS TYPE NPROCS{*}", "...", "{uts1} uts {*}", "...",
        "only a thread is in uts {uts1} (its id is in the PID column): util-linux lsns, which"
            + " reads /proc/PID/ns, does not list it"),
        recorder().expected(table, "", 0, false));
    // Rows of two namespaces the lab task is in: the one it made is kept, as one row only
    // has an order that holds on any machine; of two it made, neither.
    String two = "4026531841 mnt 60 1 root init\n4026532181 uts  1 2950 root java\n";
    assertEquals(List.of("...", "{uts1} uts {*}", "..."),
        recorder().expected(two, "", 0, false));
    Recorder r = recorder();
    r.learn(new NsSnapshot(Map.of(NsFile.UTS, new NsId(NsKind.UTS, 4026532181L),
        NsFile.MNT, new NsId(NsKind.MNT, 4026532190L))));
    assertEquals(List.of("..."), r.expected("4026532181 uts 1 2950 root java\n"
        + "4026532190 mnt 1 2950 root java\n", "", 0, false));
  }

  @Test
  void psRowsAreKeptOnlyForAFewProcessesOfANewPidNamespace() {
    String host = "  PID TTY          TIME CMD\n    1 ?        00:00:03 systemd\n"
        + "  611 ?        00:00:00 sshd\n";
    assertEquals(List.of("{*}PID TTY{*}", "..."), recorder().expected(host, "", 0, false));
    String own = "    PID COMMAND\n      1 sleep\n      7 sh\n      8 ps\n";
    assertEquals(List.of("{*}PID COMMAND{*}", "{*} sleep", "{*} sh", "{*} ps"),
        recorder().expected(own, "", 0, true));
    assertEquals(List.of("{*}PID COMMAND{*}", "..."), recorder().expected(own, "", 0, false));
  }
}
