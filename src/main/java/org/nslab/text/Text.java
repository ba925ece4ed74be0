package org.nslab.text;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * nslab's own words in one language: the catalogue {@code messages_LANG.properties} (a
 * {@link ResourceBundle}, UTF-8), each message a {@link MessageFormat} pattern. English is the
 * base every language falls back to, key by key. A teacher adds a language (or rewords one)
 * without code: a {@code messages_LANG.properties} in a directory of {@link #dirs} wins over
 * the built-in catalogue of that language.
 */
public final class Text {
  /** The built-in catalogues: {@code org/nslab/text/messages[_LANG].properties}. */
  public static final String BUNDLE = "org.nslab.text.messages";

  /** The languages nslab ships complete. */
  public static final List<String> BUILT_IN = List.of("en", "ja", "zh");

  private static final Text ENGLISH = new Text("en", List.of());

  private final String lang;
  private final List<Path> dirs;
  private volatile Catalogue catalogue;

  private record Catalogue(ResourceBundle added, ResourceBundle builtIn, Locale locale) {}

  private Text(String lang, List<Path> dirs) {
    this.lang = lang;
    this.dirs = List.copyOf(dirs);
  }

  /** en, ja or zh: --lang, else the locale's language (LC_ALL, LC_MESSAGES, LANG), else en. */
  public static String language(String asked, Map<String, String> env) {
    String l = asked;
    for (String v : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      if (l == null || l.isEmpty()) {
        String e = env.get(v);
        if (e != null && !e.isEmpty() && !e.equals("C") && !e.startsWith("C.")
            && !e.equals("POSIX")) {
          l = e;
        }
      }
    }
    if (l == null || l.isEmpty()) {
      return "en";
    }
    return l.toLowerCase(Locale.ROOT).split("[_.@-]")[0];
  }

  /** English, the words every golden transcript and CI report is written in. */
  public static Text english() {
    return ENGLISH;
  }

  /** The built-in catalogue of {@code lang} (English where nslab has none). */
  public static Text of(String lang) {
    return of(lang, List.of());
  }

  /**
   * The catalogue of {@code lang}: a {@code messages_LANG.properties} in the first of
   * {@code dirs} that has one, then nslab's own, then English. Read at the first message.
   */
  public static Text of(String lang, List<Path> dirs) {
    String l = lang == null ? "en" : lang.toLowerCase(Locale.ROOT);
    // Only a plain language code names a file: never a path.
    if (!l.matches("[a-z]{2,8}")) {
      l = "en";
    }
    return l.equals("en") && dirs.isEmpty() ? ENGLISH : new Text(l, dirs);
  }

  /**
   * Where teachers' catalogues are looked for, first match wins: {@code option} (--messages
   * DIR), then $NSLAB_MESSAGES, then $XDG_CONFIG_HOME/nslab (else ~/.config/nslab).
   */
  public static List<Path> dirs(String option, Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    if (option != null && !option.isEmpty()) {
      dirs.add(Path.of(option));
    }
    String own = env.get("NSLAB_MESSAGES");
    if (own != null && !own.isEmpty()) {
      dirs.add(Path.of(own));
    }
    String config = env.get("XDG_CONFIG_HOME");
    if (config != null && !config.isEmpty()) {
      dirs.add(Path.of(config, "nslab"));
    } else if (env.get("HOME") != null && !env.get("HOME").isEmpty()) {
      dirs.add(Path.of(env.get("HOME"), ".config", "nslab"));
    }
    return dirs;
  }

  /** The language code: en, ja, zh, or a teacher's. */
  public String lang() {
    return lang;
  }

  /** The message for {@code key}, its {0}, {1}... filled from {@code args}. */
  public String get(Key key, Object... args) {
    Catalogue c = catalogue();
    MessageFormat f = null;
    if (c.added != null && c.added.containsKey(key.property())) {
      try {
        f = new MessageFormat(c.added.getString(key.property()), c.locale);
      } catch (IllegalArgumentException e) {
        // Tolerated: a teacher's pattern that does not parse (a stray brace) gives way to
        // the built-in one.
      }
    }
    if (f == null) {
      f = new MessageFormat(c.builtIn.getString(key.property()), c.locale);
    }
    // A plain {0} would print 4026531838 as "4,026,531,838": numbers go in as written,
    // except where the pattern formats them itself (choice, number).
    Format[] formats = f.getFormatsByArgumentIndex();
    Object[] a = args.clone();
    for (int i = 0; i < a.length && i < formats.length; i++) {
      if (formats[i] == null && a[i] instanceof Number) {
        a[i] = a[i].toString();
      } else if (a[i] instanceof Said said) {
        a[i] = said.message(this); // a reason inside the message, in the same language
      }
    }
    return f.format(a);
  }

  /** The raw pattern of {@code key} in this language's own catalogue, or null (tests). */
  public String pattern(Key key) {
    Catalogue c = catalogue();
    if (c.added != null && c.added.containsKey(key.property())) {
      return c.added.getString(key.property());
    }
    return c.builtIn.containsKey(key.property()) ? c.builtIn.getString(key.property()) : null;
  }

  private Catalogue catalogue() {
    Catalogue c = catalogue;
    if (c == null) {
      c = load();
      catalogue = c;
    }
    return c;
  }

  private Catalogue load() {
    Locale locale = Locale.forLanguageTag(lang);
    // No fallback to the JVM's default locale: the language is nslab's choice (--lang, LANG).
    ResourceBundle builtIn = ResourceBundle.getBundle(BUNDLE, locale, Text.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    ResourceBundle added = null;
    for (Path dir : dirs) {
      Path file = dir.resolve("messages_" + lang + ".properties");
      if (Files.isRegularFile(file)) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          added = new PropertyResourceBundle(r);
          break;
        } catch (IOException | IllegalArgumentException | MissingResourceException e) {
          // Tolerated: an unreadable or malformed file of a teacher's is skipped, and the
          // built-in words are used; nslab must start all the same.
        }
      }
    }
    return new Catalogue(added, builtIn, locale);
  }
}
