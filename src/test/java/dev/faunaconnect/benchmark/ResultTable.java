package dev.faunaconnect.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The summary of interleaved rounds as a Markdown table: the median, and the spread of docs/s. */
final class ResultTable {
  private final Map<String, List<Meter.Sample>> samples;

  ResultTable(Map<String, List<Meter.Sample>> samples) {
    this.samples = samples;
  }

  void print(String title) {
    System.out.println();
    System.out.println("### " + title);
    System.out.println();
    System.out.println("| variant | docs/s median | min | max | client CPU ms / 1,000 docs | allocated MB / 1,000 docs"
        + " | server CPU ms / 1,000 docs |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<Meter.Sample>> variant : samples.entrySet()) {
      List<Meter.Sample> runs = variant.getValue();
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %.1f |%n", variant.getKey(),
          median(runs, Meter.Sample::docsPerSecond), min(runs, Meter.Sample::docsPerSecond),
          max(runs, Meter.Sample::docsPerSecond), median(runs, Meter.Sample::clientCpuMsPer1000),
          median(runs, Meter.Sample::allocatedMbPer1000), median(runs, Meter.Sample::serverCpuMsPer1000));
    }
    System.out.println();
  }

  /** {@code numerator ÷ denominator} of the median docs/s, and of the client CPU per document (inverted). */
  void printRatio(String numerator, String denominator) {
    List<Meter.Sample> top = samples.get(numerator);
    List<Meter.Sample> bottom = samples.get(denominator);
    System.out.printf(Locale.ROOT, "%s ÷ %s: %.2f× the docs/s (medians), %.2f× the documents per client "
        + "CPU-second%n", numerator, denominator, median(top, Meter.Sample::docsPerSecond)
        / median(bottom, Meter.Sample::docsPerSecond), median(bottom, Meter.Sample::clientCpuMsPer1000)
        / median(top, Meter.Sample::clientCpuMsPer1000));
  }

  static double median(List<Meter.Sample> runs, ToDoubleFunction<Meter.Sample> value) {
    List<Double> sorted = sorted(runs, value);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Meter.Sample> runs, ToDoubleFunction<Meter.Sample> value) {
    return sorted(runs, value).get(0);
  }

  private static double max(List<Meter.Sample> runs, ToDoubleFunction<Meter.Sample> value) {
    List<Double> sorted = sorted(runs, value);
    return sorted.get(sorted.size() - 1);
  }

  private static List<Double> sorted(List<Meter.Sample> runs, ToDoubleFunction<Meter.Sample> value) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(value.applyAsDouble(r)));
    Collections.sort(values);
    return values;
  }
}
