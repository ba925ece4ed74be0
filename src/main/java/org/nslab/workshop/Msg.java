package org.nslab.workshop;

import org.nslab.lab.Lab;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * The workshop's own words come from the message catalogues ({@link Text}, one per language:
 * workshop.*, demo.* and grade.* keys); this keeps what is said about a lab's languages.
 */
final class Msg {
  private Msg() {}

  /** The note for a lab that has no text in {@code lang}, or null if it has some. */
  static String noLanguage(Lab lab, String lang) {
    return noLanguage(lab, Text.of(lang));
  }

  /** As above, in the language of {@code text}, which is also the one the lab lacks. */
  static String noLanguage(Lab lab, Text text) {
    if (lab.languages().contains(text.lang())) {
      return null;
    }
    return text.get(Key.WORKSHOP_NO_LANGUAGE, lab.id(), text.lang(),
        String.join(", ", lab.languages()));
  }
}
