package dev.faunaconnect.source;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.offset.Position;

/** A change of one document, read from the ts/ref index or from the collection's {@code remove} events. */
sealed interface ChangeEvent permits ChangeEvent.Upsert, ChangeEvent.Delete {
  Position position();

  /** The document as it is now (created, updated or replaced at {@code position.ts()}). */
  record Upsert(FaunaDocument document, Position position) implements ChangeEvent {}

  /** The document {@code position.ref()} was deleted at {@code position.ts()}. */
  record Delete(Position position) implements ChangeEvent {}
}
