package dev.faunaconnect.fauna;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.convert.WireRef;
import dev.faunaconnect.fauna.PageAnswer.ElementReader;
import dev.faunaconnect.offset.Position;
import java.io.IOException;

/**
 * One element of a {@link VersionQueries#versionPage}: {@code [ts, ref, version]}, where it stands and the version
 * written then, or a null document when that version can no longer be read (its ttl has passed).
 */
record IndexVersion(Position position, FaunaDocument document) {
  /** Reads the elements of one page, their versions with {@code documents}. */
  static ElementReader<IndexVersion> reader(ElementReader<FaunaDocument> documents) {
    return p -> {
      expect(p, p.currentToken(), JsonToken.START_ARRAY);
      expect(p, p.nextToken(), JsonToken.VALUE_NUMBER_INT);
      long ts = p.getLongValue();
      p.nextToken();
      String id = WireRef.read(p).id();
      FaunaDocument document = p.nextToken() == JsonToken.VALUE_NULL ? null : documents.read(p);
      expect(p, p.nextToken(), JsonToken.END_ARRAY);
      return new IndexVersion(new Position(ts, id), document);
    };
  }

  private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
    if (found != wanted) {
      throw new IOException("expected " + wanted + " in a version, found " + found + " at " + p.currentLocation());
    }
  }
}
