package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final Spec SPEC =
      new Spec(
          "t",
          List.of("t [-l] [-t TYPE] ARG"),
          "summary",
          "",
          List.of(
              Opt.flag('l', "lazy", "lazy"),
              Opt.flag('J', "json", "json"),
              Opt.value('t', "type", "TYPE", "type")),
          Complete.NONE,
          0,
          1,
          false);

  private static final Spec RAW =
      new Spec("r", List.of("r PROG..."), "s", "", List.of(Opt.flag('q', "quiet", "q")),
          Complete.NONE, 1, -1, true);

  @Test
  void parsesShortLongGroupedAndAttachedOptions() throws Exception {
    Args a = Args.parse(SPEC, List.of("-lJ", "--type=uts", "x"));
    assertTrue(a.has("lazy"));
    assertTrue(a.has("json"));
    assertEquals("uts", a.value("type"));
    assertEquals(List.of("x"), a.positionals());
    assertEquals("mnt", Args.parse(SPEC, List.of("-tmnt")).value("type"));
    assertEquals("ipc", Args.parse(SPEC, List.of("-t", "ipc")).value("type"));
  }

  @Test
  void unknownOptionsSuggestTheNearestOne() {
    UsageException e =
        assertThrows(UsageException.class, () -> Args.parse(SPEC, List.of("--jsno")));
    assertTrue(e.getMessage().contains("did you mean --json?"), e.getMessage());
    assertThrows(UsageException.class, () -> Args.parse(SPEC, List.of("-x")));
  }

  @Test
  void countsPositionals() {
    assertThrows(UsageException.class, () -> Args.parse(SPEC, List.of("a", "b")));
    assertThrows(UsageException.class, () -> Args.parse(RAW, List.of()));
    assertThrows(UsageException.class, () -> Args.parse(SPEC, List.of("--type")));
  }

  @Test
  void optionsAfterTheProgramBelongToTheProgram() throws Exception {
    Args a = Args.parse(RAW, List.of("-q", "ls", "-l", "--help"));
    assertTrue(a.has("quiet"));
    assertEquals(List.of("ls", "-l", "--help"), a.positionals());
    assertTrue(!a.helpRequested());
  }

  @Test
  void helpIsAlwaysAnOption() throws Exception {
    assertTrue(Args.parse(SPEC, List.of("--help")).helpRequested());
    assertTrue(Args.parse(RAW, List.of("--help")).helpRequested());
  }

  @Test
  void suggestFindsCloseWordsOnly() {
    assertEquals("hostname", Suggest.nearest("hostnmae", List.of("hostname", "help")));
    assertEquals("unshare", Suggest.nearest("unshar", List.of("unshare", "umount")));
    assertEquals(null, Suggest.nearest("xyzzy", List.of("hostname", "help")));
  }
}
