package org.nslab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Words said later: an exception's message in English and in the user's language, nested too. */
class SaidTest {
  @Test
  void anExceptionIsEnglishAsItsMessageAndTheUsersLanguageWhenAsked() {
    IOException e = new Said.Failure(Key.CGROUP_NONE, "web");
    assertEquals("no cgroup web", e.getMessage());
    assertEquals("cgroup web はありません", ((Said) e).message(Text.of("ja")));
    assertEquals("没有 cgroup web", ((Said) e).message(Text.of("zh")));
    IllegalArgumentException r = new Said.Rejected(Key.IP_NOT_ADDRESS, "10.0/x");
    assertEquals("'10.0/x' is not an address such as 10.200.0.1/24", r.getMessage());
    assertEquals("'10.0/x' は 10.200.0.1/24 のようなアドレスではありません",
        ((Said) r).message(Text.of("ja")));
  }

  @Test
  void aReasonInsideAMessageIsSaidInThatMessagesLanguage() {
    Said why = Said.of(Key.SCOPE_NOT_MOVED, "nslab-7.scope");
    Said crowded = Said.of(Key.CGROUP_CROWDED, "/sys/fs/cgroup", 1234, "1 2 3 4 5 ...");
    Said.Failure e = new Said.Failure(Key.CGROUP_CROWDED_WHY, crowded, why);
    // Numbers as written (no 1,234), the reason after "; " in English...
    assertEquals("cgroup v2: /sys/fs/cgroup also holds 1234 other processes (1 2 3 4 5 ...),",
        e.getMessage().substring(0, e.getMessage().indexOf(',', 60) + 1));
    assertEquals("; systemd accepted nslab-7.scope but did not move nslab into it",
        e.getMessage().substring(e.getMessage().lastIndexOf("; ")));
    // ...and both in Chinese.
    String zh = e.message(Text.of("zh"));
    assertEquals("cgroup v2：/sys/fs/cgroup 中还有 1234 个其他进程（1 2 3 4 5 ...），", zh.substring(0,
        zh.indexOf('，') + 1));
    assertEquals("；systemd 接受了 nslab-7.scope，但没有把 nslab 移进去", zh.substring(zh.lastIndexOf('；')));
  }
}
