package dev.faunaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.offset.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeMergeTest {
  private static final long READ_AT = 100;

  private static FaunaDocument doc(long ts, String id) {
    return new FaunaDocument(id, ts, "{}", List.of());
  }

  private static Page<FaunaDocument> changes(boolean more, FaunaDocument... docs) {
    Position through = more ? FaunaGateway.positionOf(docs[docs.length - 1]) : Position.endOf(READ_AT);
    return new Page<>(List.of(docs), more, through);
  }

  private static Page<Position> removes(boolean more, Position... removes) {
    return new Page<>(List.of(removes), more, more ? removes[removes.length - 1] : Position.endOf(READ_AT));
  }

  private static ChangeMerge.Result merge(Page<FaunaDocument> changes, Page<Position> removes) {
    return ChangeMerge.merge(changes, FaunaGateway::positionOf, List.of(removes));
  }

  private static List<String> describe(ChangeMerge.Result result) {
    return result.events().stream().map(e -> (e instanceof ChangeEvent.Upsert ? "upsert " : "delete ")
        + e.position().ts() + "/" + e.position().ref()).toList();
  }

  @Test
  void bothStreamsToTheirEndMergeInTsOrder() {
    ChangeMerge.Result merged = merge(changes(false, doc(1, "1"), doc(3, "2"), doc(5, "1")),
        removes(false, new Position(2, "1"), new Position(4, "2")));
    assertEquals(List.of("upsert 1/1", "delete 2/1", "upsert 3/2", "delete 4/2", "upsert 5/1"), describe(merged));
    assertEquals(true, merged.complete());
  }

  @Test
  void nothingPastTheLastElementOfAStreamWithMoreIsEmitted() {
    ChangeMerge.Result merged = merge(changes(true, doc(1, "1"), doc(2, "2")),
        removes(false, new Position(1, "5"), new Position(3, "1")));
    assertEquals(List.of("upsert 1/1", "delete 1/5", "upsert 2/2"), describe(merged));
    assertEquals(false, merged.complete());

    ChangeMerge.Result deletesCut =
        merge(changes(false, doc(2, "1"), doc(9, "2")), removes(true, new Position(3, "1")));
    assertEquals(List.of("upsert 2/1", "delete 3/1"), describe(deletesCut));
  }

  @Test
  void theHorizonIsTheEarlierOfTwoCutStreams() {
    ChangeMerge.Result merged = merge(changes(true, doc(1, "1"), doc(6, "2")),
        removes(true, new Position(2, "3"), new Position(4, "4")));
    assertEquals(List.of("upsert 1/1", "delete 2/3", "delete 4/4"), describe(merged));
  }

  @Test
  void aStreamThatEndedCoversOnlyUpToWhenItWasRead() {
    Page<FaunaDocument> changesReadFirst = new Page<>(List.of(doc(1, "1")), false, Position.endOf(10));
    Page<Position> deletesReadLater = new Page<>(List.of(new Position(5, "2"), new Position(12, "3")), false,
        Position.endOf(20));
    ChangeMerge.Result merged = merge(changesReadFirst, deletesReadLater);
    assertEquals(List.of("upsert 1/1", "delete 5/2"), describe(merged));
    assertEquals(false, merged.complete(), "the delete at 12 waits until the changes are read past 12");

    ChangeMerge.Result onlyDeletes = merge(Page.none(), deletesReadLater);
    assertEquals(List.of("delete 5/2", "delete 12/3"), describe(onlyDeletes));
    assertEquals(true, onlyDeletes.complete());
  }

  @Test
  void aDeleteSortsBeforeAChangeAtTheSamePosition() {
    ChangeMerge.Result merged = merge(changes(false, doc(4, "7")), removes(false, new Position(4, "7")));
    assertEquals(List.of("delete 4/7", "upsert 4/7"), describe(merged));
  }

  @Test
  void severalDeleteStreamsMergeInOrderUpToTheEarliestOfAllHorizons() {
    Page<Position> expiries = new Page<>(List.of(new Position(3, "9"), new Position(7, "4")), true,
        new Position(7, "4"));
    ChangeMerge.Result merged = ChangeMerge.merge(changes(false, doc(1, "1"), doc(3, "9"), doc(8, "2")),
        FaunaGateway::positionOf, List.of(removes(false, new Position(2, "5"), new Position(9, "1")), expiries));
    assertEquals(List.of("upsert 1/1", "delete 2/5", "delete 3/9", "upsert 3/9", "delete 7/4"), describe(merged));
    assertEquals(new Position(7, "4"), merged.horizon());
    assertEquals(false, merged.complete());

    ChangeMerge.Result ended = ChangeMerge.merge(changes(false, doc(1, "1")), FaunaGateway::positionOf,
        List.of(removes(false, new Position(2, "5")), new Page<>(List.of(new Position(4, "4")), false,
            Position.endOf(READ_AT))));
    assertEquals(List.of("upsert 1/1", "delete 2/5", "delete 4/4"), describe(ended));
    assertEquals(true, ended.complete());
  }
}
