package dev.faunaconnect.convert;

import static dev.faunaconnect.testing.FaunaWire.docRef;
import static dev.faunaconnect.testing.FaunaWire.json;
import static dev.faunaconnect.testing.FaunaWire.nativeChild;
import static dev.faunaconnect.testing.FaunaWire.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BytesV;
import com.faunadb.client.types.Value.Native;
import com.faunadb.client.types.Value.RefV;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the seed's "Export Formats" table, plus the plain JSON types and nesting. */
class FaunaJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void documentRefHasIdCollectionAndTypeDocument() {
    assertEquals(json("{'id':'337567897171787849','collection':'customers','type':'document'}"),
        FaunaJson.toJson(value(docRef("337567897171787849", "customers"))));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "collections, collection",
      "databases, database",
      "indexes, index",
      "functions, function",
      "roles, role",
      "access_providers, access_provider",
      "keys, key",
      "tokens, token",
      "credentials, credential",
  })
  void otherRefsHaveIdAndTheirType(String nativeCollection, String type) {
    assertEquals(json("{'id':'thing','type':'" + type + "'}"),
        FaunaJson.toJson(value(nativeChild("thing", nativeCollection))));
  }

  @Test
  void refsBuiltByTheDriverConvertLikeRefsReadFromTheWire() {
    RefV index = new RefV("by_ts", Native.INDEXES);
    RefV document = new RefV("7", new RefV("orders", Native.COLLECTIONS));
    assertEquals(json("{'id':'by_ts','type':'index'}"), FaunaJson.toJson(index));
    assertEquals(json("{'id':'7','collection':'orders','type':'document'}"), FaunaJson.toJson(document));
  }

  @Test
  void aRefWithoutCollectionSuchAsCollectionsIsUnknown() {
    assertEquals(json("{'id':'collections','type':'unknown'}"), FaunaJson.toJson(value("{\"@ref\":{\"id\":\"collections\"}}")));
    assertEquals(json("{'id':'indexes','type':'unknown'}"), FaunaJson.toJson(Native.INDEXES));
  }

  @Test
  void aRefUnderAnUnknownNativeCollectionIsUnknown() {
    assertEquals(json("{'id':'42','type':'unknown'}"), FaunaJson.toJson(value(nativeChild("42", "tasks"))));
  }

  @Test
  void aTriplyNestedRefIsUnknown() {
    String nested = "{\"@ref\":{\"id\":\"1\",\"collection\":{\"@ref\":{\"id\":\"c\",\"collection\":"
        + nativeChild("x", "collections") + "}}}}";
    assertEquals(json("{'id':'1','type':'unknown'}"), FaunaJson.toJson(value(nested)));
  }

  @Test
  void aDocumentRefInAChildDatabaseIsStillADocument() {
    String inChild = "{\"@ref\":{\"id\":\"5\",\"collection\":{\"@ref\":{\"id\":\"c\",\"collection\":{\"@ref\":"
        + "{\"id\":\"collections\"}},\"database\":" + nativeChild("child", "databases") + "}}}}";
    assertEquals(json("{'id':'5','collection':'c','type':'document'}"), FaunaJson.toJson(value(inChild)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
      "aGVsbG8gd29ybGQ=, aGVsbG8gd29ybGQ=",
      "-_8=, -_8=",
      "+A==, -A==",
      "'', ''",
  })
  void bytesBecomeUrlSafeBase64WithPadding(String sent, String expected) {
    Value bytes = value("{\"@bytes\":\"" + sent.replace('+', '-') + "\"}");
    assertEquals(NODES.textNode(expected), FaunaJson.toJson(bytes));
  }

  @Test
  void bytesThatNeedBothUrlSafeCharactersKeepPadding() {
    assertEquals(NODES.textNode("-_-_"), FaunaJson.toJson(new BytesV(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf})));
    assertEquals(NODES.textNode("_w=="), FaunaJson.toJson(new BytesV(new byte[] {(byte) 0xff})));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2022-07-19T00:38:03Z",
      "2022-07-19T00:38:03.585Z",
      "2024-05-01T10:15:30.123456Z",
      "2024-05-01T10:15:30.123456789Z",
      "1969-12-31T23:59:59.999999Z",
  })
  void timestampsBecomeIsoStrings(String ts) {
    assertEquals(NODES.textNode(ts), FaunaJson.toJson(value("{\"@ts\":\"" + ts + "\"}")));
  }

  @Test
  void datesBecomeIsoDates() {
    assertEquals(NODES.textNode("2021-03-14"), FaunaJson.toJson(value("{\"@date\":\"2021-03-14\"}")));
  }

  @Test
  void queryBecomesItsWireJsonText() {
    String query = "{\"@query\":{\"lambda\":\"x\",\"expr\":{\"add\":[{\"var\":\"x\"},1]}}}";
    assertEquals(NODES.textNode(query), FaunaJson.toJson(value(query)));
  }

  @Test
  void setRefBecomesItsWireJsonText() {
    String set = "{\"@set\":{\"match\":" + nativeChild("by_element", "indexes") + ",\"terms\":\"fire\"}}";
    assertEquals(NODES.textNode(set), FaunaJson.toJson(value(set)));
  }

  @Test
  void setRefWithNestedSetsAndObjectsKeepsTheResponseForm() {
    String set = "{\"@set\":{\"range\":{\"@set\":{\"match\":" + nativeChild("by_ts", "indexes") + "}},"
        + "\"from\":[1,{\"a\":{\"@ts\":\"2024-01-01T00:00:00Z\"}}],\"to\":{\"@obj\":{\"@x\":1}}}}";
    assertEquals(NODES.textNode(set), FaunaJson.toJson(value(set)));
  }

  @Test
  void plainJsonValuesStayAsTheyAre() {
    assertEquals(json("{'s':'text','i':9007199254740993,'d':1.5,'t':true,'f':false,'n':null,'e':{},'a':[]}"),
        FaunaJson.toJson(value("{\"s\":\"text\",\"i\":9007199254740993,\"d\":1.5,\"t\":true,\"f\":false,"
            + "\"n\":null,\"e\":{},\"a\":[]}")));
  }

  @Test
  void nestedObjectsAndArraysAreConvertedAllTheWayDown() {
    String data = "{\"customer\":" + docRef("101", "customers") + ",\"lines\":[{\"at\":{\"@date\":\"2024-01-02\"},"
        + "\"raw\":{\"@bytes\":\"AAE=\"},\"refs\":[" + nativeChild("c", "collections") + ",[{\"@ts\":"
        + "\"2024-01-02T03:04:05Z\"}]]}],\"address\":{\"city\":\"London\"}}";
    assertEquals(json("{'customer':{'id':'101','collection':'customers','type':'document'},"
            + "'lines':[{'at':'2024-01-02','raw':'AAE=','refs':[{'id':'c','type':'collection'},"
            + "['2024-01-02T03:04:05Z']]}],'address':{'city':'London'}}"),
        FaunaJson.toJson(value(data)));
  }

  @Test
  void objectsWithAtKeysAreUnwrappedFromObjAndKeepTheirKeys() {
    Value data = value("{\"@obj\":{\"@ref\":\"not a ref\",\"@ts\":{\"@ts\":\"2024-01-01T00:00:00Z\"},\"k\":1}}");
    assertEquals(json("{'@ref':'not a ref','@ts':'2024-01-01T00:00:00Z','k':1}"), FaunaJson.toJson(data));
  }

  @Test
  void jsonTextIsCompactAndKeepsTheDocumentsKeyOrder() {
    Value data = value("{\"z\":1,\"a\":{\"y\":{\"@date\":\"2024-02-29\"},\"b\":[true,null]}}");
    assertEquals("{\"z\":1,\"a\":{\"y\":\"2024-02-29\",\"b\":[true,null]}}", FaunaJson.toJsonText(data));
  }

  @Test
  void asTextGivesTheStringOfTypesTheTableTurnsIntoStrings() {
    assertEquals(Optional.of("x"), FaunaJson.asText(value("\"x\"")));
    assertEquals(Optional.of("2024-01-01T00:00:00Z"), FaunaJson.asText(value("{\"@ts\":\"2024-01-01T00:00:00Z\"}")));
    assertEquals(Optional.of("2024-01-01"), FaunaJson.asText(value("{\"@date\":\"2024-01-01\"}")));
    assertEquals(Optional.of("AAE="), FaunaJson.asText(value("{\"@bytes\":\"AAE=\"}")));
    assertEquals(Optional.empty(), FaunaJson.asText(value("1")));
    assertEquals(Optional.empty(), FaunaJson.asText(value(docRef("1", "c"))));
    assertEquals(Optional.empty(), FaunaJson.asText(value("{\"a\":1}")));
  }
}
