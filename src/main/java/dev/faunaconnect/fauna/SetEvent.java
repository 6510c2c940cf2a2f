package dev.faunaconnect.fauna;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.faunaconnect.convert.WireRef;
import dev.faunaconnect.offset.Position;
import java.io.IOException;

/** A set event of {@code Documents(c)}, {@code {ts, action, document}}: where it stands, and add or remove. */
record SetEvent(Position position, String action) {
  /** Reads the event the parser stands on (its START_OBJECT); the parser is left on its END_OBJECT. */
  static SetEvent read(JsonParser p) throws IOException {
    Long ts = null;
    String action = null;
    String document = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "ts" -> ts = p.getLongValue();
        case "action" -> action = p.getText();
        case "document" -> document = WireRef.read(p).id();
        default -> p.skipChildren();
      }
    }
    if (ts == null || action == null || document == null) {
      throw new IOException("a set event without ts, action or document");
    }
    return new SetEvent(new Position(ts, document), action);
  }
}
