package dev.faunaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.offset.Position;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeMergeTest {
  private static final RefV ITEMS = new RefV("items", new RefV("collections", null));

  private static Value doc(long ts, String id) {
    return new ObjectV(Map.of("ref", new RefV(id, ITEMS), "ts", new LongV(ts)));
  }

  private static List<String> describe(ChangeMerge.Result result) {
    return result.events().stream().map(e -> (e instanceof ChangeEvent.Upsert ? "upsert " : "delete ")
        + e.position().ts() + "/" + e.position().ref()).toList();
  }

  @Test
  void bothStreamsToTheirEndMergeInTsOrder() {
    ChangeMerge.Result merged = ChangeMerge.merge(new Page<>(List.of(doc(1, "1"), doc(3, "2"), doc(5, "1")), false),
        FaunaGateway::positionOf, new Page<>(List.of(new Position(2, "1"), new Position(4, "2")), false));
    assertEquals(List.of("upsert 1/1", "delete 2/1", "upsert 3/2", "delete 4/2", "upsert 5/1"), describe(merged));
    assertEquals(true, merged.complete());
  }

  @Test
  void nothingPastTheLastElementOfAStreamWithMoreIsEmitted() {
    ChangeMerge.Result merged = ChangeMerge.merge(new Page<>(List.of(doc(1, "1"), doc(2, "2")), true),
        FaunaGateway::positionOf, new Page<>(List.of(new Position(1, "5"), new Position(3, "1")), false));
    assertEquals(List.of("upsert 1/1", "delete 1/5", "upsert 2/2"), describe(merged));
    assertEquals(false, merged.complete());

    ChangeMerge.Result deletesCut = ChangeMerge.merge(new Page<>(List.of(doc(2, "1"), doc(9, "2")), false),
        FaunaGateway::positionOf, new Page<>(List.of(new Position(3, "1")), true));
    assertEquals(List.of("upsert 2/1", "delete 3/1"), describe(deletesCut));
  }

  @Test
  void theHorizonIsTheEarlierOfTwoCutStreams() {
    ChangeMerge.Result merged = ChangeMerge.merge(new Page<>(List.of(doc(1, "1"), doc(6, "2")), true),
        FaunaGateway::positionOf, new Page<>(List.of(new Position(2, "3"), new Position(4, "4")), true));
    assertEquals(List.of("upsert 1/1", "delete 2/3", "delete 4/4"), describe(merged));
  }

  @Test
  void aDeleteSortsBeforeAChangeAtTheSamePosition() {
    ChangeMerge.Result merged = ChangeMerge.merge(new Page<>(List.of(doc(4, "7")), false),
        FaunaGateway::positionOf, new Page<>(List.of(new Position(4, "7")), false));
    assertEquals(List.of("delete 4/7", "upsert 4/7"), describe(merged));
  }
}
