package dev.faunaconnect.config;

/** Which changes the streaming phase delivers (configuration {@code changes.mode}). */
public enum ChangesMode {
  /** One record per document with its newest state at read time, from the ts/ref index as it is now. */
  LATEST,
  /** One record per version written, from the set events of the ts/ref index (needs the collection's history). */
  EVERY_VERSION;

  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static ChangesMode parse(String text) {
    return ConfigEnums.parse(ChangesMode.class, FaunaSourceConfig.CHANGES_MODE_CONFIG, text);
  }
}
