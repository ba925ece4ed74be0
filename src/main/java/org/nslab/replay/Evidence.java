package org.nslab.replay;

/**
 * What earns points, one rule for grading and the workshop: a step's own work, shown by its
 * checks against the state the step began in (when it became the current step).
 *
 * <ul>
 *   <li>A step passes, with all its points, when every check holds and the step shows its
 *       work: some check that did not hold when the step began holds now, or (when the work
 *       came early, so every check held from the step's start) a command was typed while it
 *       was the current step. A step without checks passes as soon as it begins.
 *   <li>A step not passed earns, check by check, only what changed: a check that already held
 *       when the step began (a guard such as "not outside hostname is demo", or the state an
 *       earlier step left) earns nothing by itself.
 *   <li>A step never reached (an earlier one did not pass) earns the same way, from the state
 *       the last step reached began in: what the student did after getting stuck.
 * </ul>
 */
public final class Evidence {
  private Evidence() {}

  /**
   * @param atStart whether each check held when the step began
   * @param now whether each holds now
   * @param typed a command was typed while the step was current
   */
  public static boolean passes(boolean[] atStart, boolean[] now, boolean typed) {
    boolean changed = false;
    for (int k = 0; k < now.length; k++) {
      if (!now[k]) {
        return false;
      }
      changed |= !atStart[k];
    }
    return now.length == 0 || changed || typed;
  }

  /** Whether a check of a step that was reached but not passed earns its points. */
  public static boolean earns(boolean atStart, boolean now) {
    return now && !atStart;
  }
}
