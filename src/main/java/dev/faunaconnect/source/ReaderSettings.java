package dev.faunaconnect.source;

import dev.faunaconnect.config.ChangesMode;
import dev.faunaconnect.config.CollectionSettings;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.config.HistoryLossAction;
import dev.faunaconnect.config.SnapshotMode;
import java.time.Duration;

/**
 * What the reader of one collection needs to know from the configuration.
 *
 * @param discovered whether the collection was found by discovery (then it is let go quietly if it disappears)
 */
record ReaderSettings(CollectionSettings collection, int pageSize, boolean tracksDeletes, SnapshotMode snapshotMode,
    Duration pollInterval, Duration fullSyncInterval, boolean discovered, Duration heartbeatInterval,
    String heartbeatTopic, HistoryLossAction historyLossAction, Duration recheckInterval,
    ChangesMode changesMode) {

  static ReaderSettings of(FaunaSourceConfig config, String collection) {
    return new ReaderSettings(config.settingsFor(collection), config.pageSize(), config.deletesMode().tracksDeletes(),
        config.snapshotMode(), config.pollInterval(), config.fullSyncInterval(), config.collections().isEmpty(),
        config.heartbeatInterval(), config.heartbeatTopic(), config.historyLossAction(),
        config.collectionsRefreshInterval(), config.changesMode());
  }

  String name() {
    return collection.collection();
  }

  /** Whether changes are every version, read from the index's history ({@code changes.mode=every_version}). */
  boolean everyVersion() {
    return changesMode == ChangesMode.EVERY_VERSION;
  }
}
