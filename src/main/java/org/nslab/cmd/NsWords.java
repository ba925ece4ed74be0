package org.nslab.cmd;

import org.nslab.ns.NsWordException;
import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/** A kind or an offset ns rejected, said in the user's language: ns knows no catalogue. */
record NsWords(NsWordException rejected) implements Said {
  @Override
  public String message(Text text) {
    return text.get(key(rejected.reason()), rejected.args().toArray());
  }

  /** English, as ns says it. */
  @Override
  public String toString() {
    return rejected.getMessage();
  }

  static Key key(NsWordException.Reason reason) {
    return switch (reason) {
      case UNKNOWN_KIND -> Key.NS_UNKNOWN_KIND;
      case EMPTY_KIND -> Key.NS_EMPTY_KIND;
      case OFFSET_NOT_SECONDS -> Key.OFFSET_NOT_SECONDS;
      case OFFSET_TOO_FAR -> Key.OFFSET_TOO_FAR;
      case OFFSET_BEYOND_MAX -> Key.OFFSET_BEYOND_MAX;
      case OFFSET_BELOW_ZERO -> Key.OFFSET_BELOW_ZERO;
      case OFFSET_ABOVE_CLOCK_MAX -> Key.OFFSET_ABOVE_CLOCK_MAX;
    };
  }
}
