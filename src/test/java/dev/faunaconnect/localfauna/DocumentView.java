package dev.faunaconnect.localfauna;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A document as Get and the writes return it: {@code ref}, {@code ts}, then its stored fields. It is a read-only
 * map like any object value, and it knows the version it shows, so that the codec renders that version's JSON once
 * and reuses it (versions never change).
 */
final class DocumentView extends AbstractMap<String, Object> {
  final StoredDocument document;
  final Version version;
  private Map<String, Object> fields;

  DocumentView(StoredDocument document, Version version) {
    this.document = document;
    this.version = version;
  }

  private Map<String, Object> fields() {
    if (fields == null) {
      fields = Collections.unmodifiableMap(document.fieldsOf(version));
    }
    return fields;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return fields().entrySet();
  }

  @Override
  public Object get(Object key) {
    return fields().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return fields().containsKey(key);
  }

  @Override
  public int size() {
    return fields().size();
  }
}
