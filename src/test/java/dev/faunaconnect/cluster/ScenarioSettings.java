package dev.faunaconnect.cluster;

import java.time.Duration;

/**
 * The shape of one crash run: delivery guarantee, workers, data, write rate, how long the writer runs, how many
 * workers are killed with {@code kill -9} (spread over the writing time, each started again after
 * {@code restartAfter}), and the worker's {@code scheduled.rebalance.max.delay.ms} (null: the worker default, 5 min).
 * The short form runs in CI; {@code -Dcluster.soak=true} selects the long one; each figure can be overridden with a
 * {@code cluster.*} system property (see the README, "Delivery and ordering").
 */
record ScenarioSettings(String name, boolean exactlyOnce, int workers, int collections, int docsPerCollection,
    double writesPerSecond, Duration writing, int kills, Duration restartAfter, Long rebalanceDelayMs,
    Long offsetFlushIntervalMs) {

  /** The CI form: 3 workers, 3 collections of 300 documents, 10 writes/s for 75 s, 3 kills, 10 s rebalance delay. */
  static ScenarioSettings ci(String name, boolean exactlyOnce) {
    return new ScenarioSettings(name, exactlyOnce, 3, 3, 300, 10, Duration.ofSeconds(75), 3, Duration.ofSeconds(3),
        10_000L, null);
  }

  /** The soak form: 3 collections of 5,000 documents, 20 writes/s for 10 minutes, 6 kills, worker defaults. */
  static ScenarioSettings soak(String name, boolean exactlyOnce) {
    return new ScenarioSettings(name, exactlyOnce, 3, 3, 5_000, 20, Duration.ofMinutes(10), 6,
        Duration.ofSeconds(5), null, null);
  }

  /** The form chosen by {@code cluster.soak}, with every {@code cluster.*} override applied. */
  static ScenarioSettings fromSystemProperties(String name, boolean exactlyOnce) {
    ScenarioSettings base = Boolean.getBoolean("cluster.soak") ? soak(name, exactlyOnce) : ci(name, exactlyOnce);
    return new ScenarioSettings(name, exactlyOnce,
        Integer.getInteger("cluster.workers", base.workers),
        base.collections,
        Integer.getInteger("cluster.docs", base.docsPerCollection),
        Double.parseDouble(System.getProperty("cluster.writes.per.second", String.valueOf(base.writesPerSecond))),
        Duration.ofSeconds(Long.getLong("cluster.write.seconds", base.writing.toSeconds())),
        Integer.getInteger("cluster.kills", base.kills),
        base.restartAfter,
        Long.getLong("cluster.rebalance.delay.ms", base.rebalanceDelayMs),
        Long.getLong("cluster.offset.flush.interval.ms", base.offsetFlushIntervalMs));
  }

  ScenarioSettings withKills(int kills, Duration writing) {
    return new ScenarioSettings(name, exactlyOnce, workers, collections, docsPerCollection, writesPerSecond, writing,
        kills, restartAfter, rebalanceDelayMs, offsetFlushIntervalMs);
  }

  /** How long to wait after the writer stops for the topics to reach Fauna's final state. */
  Duration convergence() {
    return Duration.ofMillis(rebalanceDelayMs == null ? 300_000 : rebalanceDelayMs).plusMinutes(2);
  }

  String describe() {
    return (exactlyOnce ? "exactly-once" : "at-least-once") + ", " + workers + " workers, " + collections
        + " collections of " + docsPerCollection + " documents, " + writesPerSecond + " writes/s for "
        + writing.toSeconds() + " s, " + kills + " x kill -9, scheduled.rebalance.max.delay.ms="
        + (rebalanceDelayMs == null ? "default" : rebalanceDelayMs) + ", offset.flush.interval.ms="
        + (offsetFlushIntervalMs == null ? "default" : offsetFlushIntervalMs);
  }
}
