package dev.faunaconnect.metrics;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Gauge;

/** The plugin metrics of one collection: the same values as its MBean, named in Kafka's kebab-case. */
final class PluginGauges {
  private PluginGauges() {}

  static void add(PluginMetricsBridge plugin, String collection, CollectionMetrics c) {
    Map<String, String> tags = MetricNames.pluginTags(collection);
    gauge(plugin, tags, "phase", "starting, snapshot, streaming or full_sync", c::getPhase);
    gauge(plugin, tags, "snapshot-documents-read", "documents emitted by the current snapshot",
        c::getSnapshotDocumentsRead);
    gauge(plugin, tags, "records-read", "records emitted with fauna.op=read", c::getRecordsRead);
    gauge(plugin, tags, "records-upserted", "records emitted with fauna.op=upsert", c::getRecordsUpserted);
    gauge(plugin, tags, "records-deleted", "records emitted with fauna.op=delete", c::getRecordsDeleted);
    gauge(plugin, tags, "pages-read", "pages read from Fauna", c::getPagesRead);
    gauge(plugin, tags, "retries", "queries retried", c::getRetries);
    gauge(plugin, tags, "last-error", "the message of the last failed query", c::getLastError);
    gauge(plugin, tags, "millis-behind-last-emitted", "now minus the Fauna time of the last record emitted",
        c::getMillisBehindLastEmitted);
    gauge(plugin, tags, "millis-behind-read-position", "now minus the Fauna time the streams are read through",
        c::getMillisBehindReadPosition);
    gauge(plugin, tags, "millis-since-last-read", "time since the last page read", c::getMillisSinceLastRead);
  }

  private static void gauge(PluginMetricsBridge plugin, Map<String, String> tags, String name, String description,
      Supplier<?> value) {
    plugin.addGauge(name, description, tags, (Gauge<Object>) (config, now) -> value.get());
  }
}
