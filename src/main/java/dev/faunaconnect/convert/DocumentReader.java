package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.faunaconnect.config.CollectionSettings;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.FaunaDocument.ColumnValue;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the documents of one collection ({@code Get} results: {@code {"ref", "ts", "data"?, ...}}) from Fauna's
 * answer with a streaming parser, into exactly what a record needs ({@link FaunaDocument}): no tree is built. What
 * it keeps follows the configuration: the {@code data} column or not, and the additional columns.
 */
public final class DocumentReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final String collection;
  private final boolean dataColumn;
  private final List<ColumnSpec> columns;

  public DocumentReader(String collection, boolean dataColumn, List<ColumnSpec> columns) {
    this.collection = collection;
    this.dataColumn = dataColumn;
    this.columns = List.copyOf(columns);
  }

  /** The reader of the records {@link RecordBuilder} builds for this collection. */
  public static DocumentReader of(FaunaSourceConfig config, CollectionSettings settings) {
    return new DocumentReader(settings.collection(), config.dataColumn(), settings.columns());
  }

  /** A reader for the documents of one page: it reuses its buffers from one document to the next. */
  public Session session() {
    return new Session();
  }

  /** Reads documents one after the other; not thread-safe. */
  public final class Session {
    private final ColumnSelection selection = new ColumnSelection(columns);
    private final SeedJsonReader walker = new SeedJsonReader(selection);
    private final int[] all = selection.all();
    /** The {@code data} text of one document after another: its buffer keeps the capacity the largest one needed. */
    private final StringWriter text = new StringWriter(4096);

    /** Reads the document the parser stands on (its START_OBJECT); the parser is left on its END_OBJECT. */
    public FaunaDocument read(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a document, found " + p.currentToken() + " at " + p.currentLocation());
      }
      selection.reset();
      String id = null;
      Long ts = null;
      String data = dataColumn ? "{}" : null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken token = p.nextToken();
        int[] live = selection.next(all, 0, name);
        if ("ref".equals(name) && token == JsonToken.START_OBJECT) {
          WireRef ref = WireRef.read(p);
          selection.selectInRef(live, 1, ref);
          id = ref.id();
        } else if ("ts".equals(name) && token == JsonToken.VALUE_NUMBER_INT) {
          ts = p.getLongValue();
          selection.select(live, 1, ts);
        } else if ("data".equals(name) && dataColumn && token != JsonToken.VALUE_NULL) {
          data = dataText(p, live);
        } else {
          walker.value(p, live, 1);
        }
      }
      return document(id, ts, data);
    }

    private String dataText(JsonParser p, int[] live) throws IOException {
      text.getBuffer().setLength(0);
      try (JsonGenerator out = JSON.createGenerator(text)) {
        walker.push(out);
        try {
          walker.value(p, live, 1);
        } finally {
          walker.pop();
        }
      }
      return text.toString();
    }

    private FaunaDocument document(String id, Long ts, String data) {
      if (id == null) {
        throw new DocumentConversionException("A document of collection '" + collection + "' has no ref");
      }
      if (ts == null) {
        throw new DocumentConversionException("Document " + DocumentConversionException.documentName(collection,
            id) + " has no ts");
      }
      List<ColumnValue> values = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        values.add(ColumnConversion.convert(columns.get(i), selection.selected(i)));
      }
      return new FaunaDocument(id, ts, data, values);
    }
  }
}
