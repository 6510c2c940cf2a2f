package dev.faunaconnect.localfauna;

import java.util.List;

/** A query error as the real server reports it: code, description, HTTP status and the position in the query. */
final class FaunaError extends RuntimeException {
  final String code;
  final String description;
  final int status;
  List<Object> position;
  /** Errors raised outside the query tree (reads below the minimum valid time) carry no position. */
  private boolean positionless;
  /** Validation failures: each {@code field} (a path), {@code code} and {@code description}. */
  List<java.util.Map<String, Object>> failures = List.of();

  FaunaError(int status, String code, String description, List<Object> position) {
    super(code + ": " + description);
    this.status = status;
    this.code = code;
    this.description = description;
    this.position = position;
  }

  static FaunaError invalidArgument(String description) {
    return new FaunaError(400, "invalid argument", description, null);
  }

  static FaunaError invalidExpression(String description) {
    return new FaunaError(400, "invalid expression", description, null);
  }

  static FaunaError invalidRef(String description) {
    return new FaunaError(400, "invalid ref", description, null);
  }

  static FaunaError instanceNotFound(String description) {
    return new FaunaError(404, "instance not found", description, null);
  }

  static FaunaError valueNotFound(String description) {
    return new FaunaError(404, "value not found", description, null);
  }

  static FaunaError permissionDenied() {
    return new FaunaError(403, "permission denied", "Insufficient privileges to perform the action.", null);
  }

  static FaunaError aborted(String message) {
    return new FaunaError(400, "transaction aborted", message, null);
  }

  static FaunaError alreadyExists(String description) {
    return new FaunaError(400, "instance already exists", description, null);
  }

  static FaunaError validationFailed(String description) {
    return new FaunaError(400, "validation failed", description, null);
  }

  static FaunaError belowMinValidTime(long ts, long mvt) {
    FaunaError e = new FaunaError(400, "bad request", "Requested timestamp " + Values.TimeValue.ofMicros(ts).instant()
        + " less than minimum allowed timestamp " + Values.TimeValue.ofMicros(mvt).instant() + ".", null);
    e.positionless = true;
    return e;
  }

  static FaunaError invalidData(List<Object> field, String code, String description) {
    FaunaError e = validationFailed("document data is not valid.");
    e.failures = List.of(java.util.Map.of("field", field, "code", code, "description", description));
    return e;
  }

  /** Fills in the position where the error was raised, unless an inner form already did. */
  FaunaError at(List<Object> where) {
    if (position == null && !positionless) {
      position = List.copyOf(where);
    }
    return this;
  }
}
