package dev.faunaconnect.fauna;

import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.InternalException;
import com.faunadb.client.errors.PermissionDeniedException;
import com.faunadb.client.errors.TooManyRequestsException;
import com.faunadb.client.errors.TransactionContentionException;
import com.faunadb.client.errors.UnauthorizedException;
import com.faunadb.client.errors.UnavailableException;
import dev.faunaconnect.config.Redaction;
import dev.faunaconnect.fauna.FaunaQueryException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies every failure of a query once: what kind it is, and a message that says what to fix. */
final class FaunaErrors {
  private static final Pattern UNDEFINED = Pattern.compile("undefined (collection|index) '([^']*)'");

  private FaunaErrors() {}

  /** The failure, classified; {@code redaction} hides the secret in the failure's own text (never in ours). */
  static FaunaQueryException classify(Throwable failure, FaunaQuery query, Redaction redaction) {
    Throwable t = unwrap(failure);
    if (t instanceof TooManyRequestsException || t instanceof UnavailableException
        || t instanceof TransactionContentionException || t instanceof InternalException
        || t instanceof IOException || t instanceof TimeoutException) {
      return new FaunaQueryException(Kind.RETRIABLE, "Transient failure of " + query.fql() + ": " + describe(t, redaction), t);
    }
    if (t instanceof UnauthorizedException) {
      return new FaunaQueryException(Kind.UNAUTHORIZED, "Fauna rejected the secret in fauna.secret (401 "
          + "Unauthorized) while running " + query.fql() + ". Set fauna.secret to the secret of a valid key, e.g. "
          + "one made with CreateKey({role: Role(\"kafka-connect-readonly\")}).", t);
    }
    if (t instanceof PermissionDeniedException) {
      return new FaunaQueryException(Kind.PERMISSION_DENIED, "The key in fauna.secret may not run " + query.fql()
          + " (403 permission denied). " + SetupFql.grantAdvice(query.resources()), t);
    }
    if (t instanceof FaunaException fe) {
      return classifyRefused(fe, query, redaction);
    }
    if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).startsWith("invalid header value")) {
      // Java's HTTP client quotes the refused header, the Authorization one included: never pass its text on
      return new FaunaQueryException(Kind.OTHER, "Java's HTTP client refused a request header of " + query.fql()
          + ": fauna.secret holds a character that cannot be sent; copy the secret again.", null);
    }
    if (t instanceof AssertionError) {
      return new FaunaQueryException(Kind.OTHER, "The driver could not read Fauna's answer to " + query.fql()
          + " (" + describe(t, redaction) + "). A @bytes value in the standard base64 alphabet is a known cause.", t);
    }
    return new FaunaQueryException(Kind.OTHER, "Running " + query.fql() + " failed: " + describe(t, redaction), t);
  }

  private static FaunaQueryException classifyRefused(FaunaException fe, FaunaQuery query, Redaction redaction) {
    List<QueryError> errors = fe.errors();
    String code = errors.isEmpty() ? "" : errors.get(0).code();
    String description = errors.isEmpty() ? fe.getMessage() : errors.get(0).description();
    String said = " (Fauna said: " + redaction.in(fe.getMessage()) + ", running " + query.fql() + ")";
    Matcher undefined = UNDEFINED.matcher(description);
    if ("invalid ref".equals(code) && undefined.find()) {
      return undefined.group(1).equals("collection") ? unknownCollection(undefined.group(2), said, fe)
          : unknownIndex(undefined.group(2), query, said, fe);
    }
    if ("bad request".equals(code) && description.contains("less than minimum allowed timestamp")) {
      return new FaunaQueryException(Kind.SNAPSHOT_EXPIRED, "The snapshot time is older than the history that "
          + "collection '" + query.collection() + "' keeps" + said, fe);
    }
    if (query.index() != null && description.contains("is not active")) {
      return new FaunaQueryException(Kind.MALFORMED_INDEX, "Index '" + query.index() + "' is still being built"
          + said + ". Wait until Get(Index(\"" + query.index() + "\")) shows active: true, then restart the task.", fe);
    }
    if (query.index() != null && ("value not found".equals(code) || "invalid argument".equals(code))) {
      return new FaunaQueryException(Kind.MALFORMED_INDEX, "Index '" + query.index() + "' cannot serve the changes "
          + "of collection '" + query.collection() + "'" + said + ". " + indexAdvice(query.index(), query), fe);
    }
    return new FaunaQueryException(Kind.OTHER, "Fauna refused the query" + said + ".", fe);
  }

  private static FaunaQueryException unknownCollection(String name, String said, FaunaException fe) {
    return new FaunaQueryException(Kind.UNKNOWN_COLLECTION, "Collection '" + name + "' does not exist" + said
        + ". Create it with CreateCollection({name: " + SetupFql.quote(name) + "}) or remove it from the "
        + "collections setting.", fe);
  }

  private static FaunaQueryException unknownIndex(String name, FaunaQuery query, String said, FaunaException fe) {
    return new FaunaQueryException(Kind.UNKNOWN_INDEX, "Index '" + name + "' does not exist" + said + ". "
        + indexAdvice(name, query), fe);
  }

  /** The seed's CreateIndex for incremental sync, and the setting that names it. */
  static String indexAdvice(String index, FaunaQuery query) {
    String collection = query.collection() == null ? "<collection>" : query.collection();
    return "An incremental index has the collection as source, no terms, and values that start with ts then ref: "
        + "CreateIndex({name: " + SetupFql.quote(index) + ", source: Collection("
        + SetupFql.quote(collection) + "), terms: [], values: [{field: \"ts\"}, {field: \"ref\"}]}); set "
        + "collection." + collection + ".index to its name.";
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof ExecutionException || current instanceof CompletionException
        || current instanceof UncheckedIOException) && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String describe(Throwable t, Redaction redaction) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
        + redaction.in(t.getMessage());
  }
}
