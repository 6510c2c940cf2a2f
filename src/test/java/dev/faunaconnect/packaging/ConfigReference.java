package dev.faunaconnect.packaging;

import dev.faunaconnect.config.FaunaSourceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/**
 * The README's configuration reference, generated from {@link FaunaSourceConfig#CONFIG_DEF}: one table per group,
 * in the ConfigDef's order. {@link ReadmeTest} fails when the README's block differs; regenerate it with
 * {@code mvn -o test -Dtest=ReadmeTest -Dregenerate=true}.
 */
final class ConfigReference {
  static final String START = "<!-- config-reference:start -->";
  static final String END = "<!-- config-reference:end -->";

  private ConfigReference() {}

  /** The Markdown between the markers (without them). */
  static String markdown(ConfigDef def) {
    StringBuilder out = new StringBuilder();
    out.append("<!-- Generated from FaunaSourceConfig.CONFIG_DEF; do not edit by hand: run\n")
        .append("     mvn -o test -Dtest=ReadmeTest -Dregenerate=true -->\n");
    for (String group : def.groups()) {
      List<ConfigKey> keys = def.configKeys().values().stream()
          .filter(k -> !k.internalConfig && group.equals(k.group))
          .sorted(Comparator.comparingInt(k -> k.orderInGroup)).toList();
      if (keys.isEmpty()) {
        continue;
      }
      out.append("\n#### ").append(group).append("\n\n")
          .append("| Name | Description | Type | Default | Valid values | Importance |\n")
          .append("|---|---|---|---|---|---|\n");
      for (ConfigKey key : keys) {
        out.append("| `").append(key.name).append("` | ").append(cell(key.documentation)).append(" | ")
            .append(key.type.name().toLowerCase()).append(" | ").append(defaultValue(key)).append(" | ")
            .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
            .append(key.importance.name().toLowerCase()).append(" |\n");
      }
    }
    return out.toString();
  }

  /** The README with its block replaced by {@code block}. */
  static String replaceBlock(String readme, String block) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException("README.md lacks the markers " + START + " and " + END);
    }
    return readme.substring(0, start + START.length()) + "\n" + block + readme.substring(end);
  }

  static String block(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException("README.md lacks the markers " + START + " and " + END);
    }
    return readme.substring(start + START.length() + 1, end);
  }

  private static String defaultValue(ConfigKey key) {
    Object value = key.defaultValue;
    if (value == ConfigDef.NO_DEFAULT_VALUE) {
      return "required";
    }
    if (value instanceof Password) {
      return "(hidden)";
    }
    if (value instanceof List<?> list) {
      value = String.join(",", list.stream().map(String::valueOf).toList());
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "\"\"" : "`" + text + "`";
  }

  /** Text for a Markdown table cell: no pipes or line breaks, and angle brackets shown rather than read as HTML. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Rewrites the README's block: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.faunaconnect.packaging.ConfigReference}. */
  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Files.writeString(readme, replaceBlock(text, markdown(FaunaSourceConfig.CONFIG_DEF)), StandardCharsets.UTF_8);
  }
}
