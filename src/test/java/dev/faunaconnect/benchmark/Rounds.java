package dev.faunaconnect.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interleaved rounds: every variant once per round (A B C A B C ...), the first {@code warmUp} rounds not counted,
 * each run printed as it ends.
 */
final class Rounds {
  private final Meter meter;
  private final int warmUp;
  private final int measured;

  Rounds(Meter meter, int warmUp, int measured) {
    this.meter = meter;
    this.warmUp = warmUp;
    this.measured = measured;
  }

  /** The measured samples of each variant, in the variants' order. */
  Map<String, List<Meter.Sample>> run(List<Variant> variants, int expectedDocs) throws Exception {
    Map<String, List<Meter.Sample>> samples = new LinkedHashMap<>();
    variants.forEach(v -> samples.put(v.name(), new ArrayList<>()));
    for (int round = 1; round <= warmUp + measured; round++) {
      boolean counted = round > warmUp;
      for (Variant variant : variants) {
        variant.before();
        Meter.Sample sample = meter.measure(variant::run);
        variant.after();
        if (sample.docs() != expectedDocs) {
          throw new IllegalStateException(variant.name() + " read " + sample.docs() + " documents, expected "
              + expectedDocs);
        }
        System.out.printf(Locale.ROOT, "  %s %d  %-34s %,9.0f docs/s  client CPU %6.1f ms  alloc %6.1f MB"
            + "  server CPU %5.1f ms  (per 1,000 docs)%n", counted ? "round" : "warm ", counted ? round - warmUp
            : round, variant.name(), sample.docsPerSecond(), sample.clientCpuMsPer1000(),
            sample.allocatedMbPer1000(), sample.serverCpuMsPer1000());
        if (counted) {
          samples.get(variant.name()).add(sample);
        }
      }
    }
    return samples;
  }
}
