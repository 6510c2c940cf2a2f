package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.FaunaSourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Documents read from wire JSON by the streaming path, as the gateway reads them out of a page. */
public final class Streamed {
  private static final JsonFactory JSON = new JsonFactory();

  private Streamed() {}

  /** The document (a {@code Get} result in wire JSON) as the reader of {@code collection} reads it. */
  public static FaunaDocument document(FaunaSourceConfig config, String collection, String wireJson) {
    return read(DocumentReader.of(config, config.settingsFor(collection)), wireJson);
  }

  public static FaunaDocument document(String collection, boolean dataColumn, List<ColumnSpec> columns,
      String wireJson) {
    return read(new DocumentReader(collection, dataColumn, columns), wireJson);
  }

  public static FaunaDocument read(DocumentReader reader, String wireJson) {
    try (JsonParser p = JSON.createParser(wireJson)) {
      p.nextToken();
      return reader.session().read(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
