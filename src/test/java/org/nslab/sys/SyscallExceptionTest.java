package org.nslab.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyscallExceptionTest {
  @Test
  void rendersSyscallErrnoNameDescriptionAndLesson() {
    SyscallException e = new SyscallException("unshare", "CLONE_NEWUTS", Errnos.EPERM);
    assertTrue(
        e.getMessage().startsWith("unshare(CLONE_NEWUTS): EPERM (Operation not permitted): "),
        e.getMessage());
    assertTrue(e.getMessage().contains("root"));
  }

  @Test
  void narrowLessonsWinForTheirArguments() {
    String user = new SyscallException("unshare", "CLONE_NEWUSER", Errnos.EINVAL).lesson();
    String pid = new SyscallException("unshare", "CLONE_NEWPID", Errnos.EINVAL).lesson();
    assertTrue(user.contains("single-threaded"), user);
    assertTrue(pid.contains("PID namespace"), pid);
  }

  @Test
  void theLessonsTheIssueNames() {
    assertTrue(new SyscallException("umount2", "\"/proc\", 0", Errnos.EBUSY).lesson().contains("umount -l"));
    assertTrue(new SyscallException("posix_spawn", "\"sh\"", Errnos.ENOMEM).lesson().contains("PID 1"));
  }

  @Test
  void unknownPairsHaveNoLessonButStillNameTheErrno() {
    SyscallException e = new SyscallException("gethostname", null, Errnos.EAGAIN);
    assertEquals(null, e.lesson());
    assertEquals("gethostname(): EAGAIN (Resource temporarily unavailable)", e.getMessage());
  }

  @Test
  void exitStatusReadsWaitStatuses() {
    assertEquals("exit status 3", new ExitStatus(3 << 8).toString());
    assertEquals(3, new ExitStatus(3 << 8).shellStatus());
    assertEquals("killed by SIGINT", new ExitStatus(2).toString());
    assertEquals(130, new ExitStatus(2).shellStatus());
  }
}
