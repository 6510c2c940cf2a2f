package dev.faunaconnect.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The per-collection settings {@code collection.<name>.index}, {@code .columns} and {@code .topic}. The name sits
 * between the prefix and the last dot, so names that contain dots work. The ConfigDef also defines each with the
 * literal name {@code <name>} (a template), so that configuration UIs can show their documentation; a template key
 * left blank is ignored, a template key with a value is an error that says to put the collection's name in.
 */
final class CollectionKeys {
  static final String PREFIX = "collection.";
  static final String TEMPLATE_NAME = "<name>";

  enum Setting {
    INDEX, COLUMNS, TOPIC;

    String suffix() {
      return "." + name().toLowerCase(Locale.ROOT);
    }
  }

  /** A parsed per-collection key. */
  record Key(String collection, Setting setting) {}

  private CollectionKeys() {}

  static String key(String collection, Setting setting) {
    return PREFIX + collection + setting.suffix();
  }

  /** Whether the key is in the per-collection namespace (valid or not); {@code collections...} is not. */
  static boolean isCollectionKey(String key) {
    return key.startsWith(PREFIX);
  }

  /** {@code collection.<name>.index} and the like, as the ConfigDef defines them for UIs. */
  static boolean isTemplate(String key) {
    return parse(key).filter(k -> k.collection().equals(TEMPLATE_NAME)).isPresent();
  }

  static String templateMessage(String key) {
    return "Replace " + TEMPLATE_NAME + " in " + key + " with the name of the collection, e.g. "
        + key.replace(TEMPLATE_NAME, "orders") + ".";
  }

  static Optional<Key> parse(String key) {
    if (!isCollectionKey(key)) {
      return Optional.empty();
    }
    for (Setting setting : Setting.values()) {
      String suffix = setting.suffix();
      if (key.endsWith(suffix) && key.length() > PREFIX.length() + suffix.length()) {
        return Optional.of(new Key(key.substring(PREFIX.length(), key.length() - suffix.length()), setting));
      }
    }
    return Optional.empty();
  }

  static String unknownKeyMessage(String key) {
    return "Unknown setting '" + key + "'. Per-collection settings are collection.<name>.index, "
        + "collection.<name>.columns and collection.<name>.topic.";
  }
}
