package dev.faunaconnect.config;

/**
 * What a collection's reader does when a stored position has fallen out of the history Fauna keeps, so deletes
 * made since were lost (configuration {@code history.loss.action}).
 */
public enum HistoryLossAction {
  /** Fail the task with a message that says what was lost and what to do. */
  FAIL,
  /** Log an ERROR that says what was lost, then read the collection again from a fresh snapshot. */
  SNAPSHOT;

  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static HistoryLossAction parse(String text) {
    return ConfigEnums.parse(HistoryLossAction.class, FaunaSourceConfig.HISTORY_LOSS_ACTION_CONFIG, text);
  }
}
