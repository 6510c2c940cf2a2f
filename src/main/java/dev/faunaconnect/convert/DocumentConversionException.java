package dev.faunaconnect.convert;

import org.apache.kafka.connect.errors.DataException;

/** A document that cannot become a record; the message names the collection, the document id and the path. */
public final class DocumentConversionException extends DataException {
  private static final long serialVersionUID = 1L;

  public DocumentConversionException(String message) {
    super(message);
  }

  /** {@code Ref(101, collection=customers)}, as the seed's Abort message names a document. */
  static String documentName(String collection, String documentId) {
    return "Ref(" + documentId + ", collection=" + collection + ")";
  }
}
