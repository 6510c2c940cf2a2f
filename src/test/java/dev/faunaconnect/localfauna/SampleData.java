package dev.faunaconnect.localfauna;

/**
 * A small realistic data set: {@code customers} and {@code orders}, each with a ts/ref index for incremental sync,
 * a ttl index for expiries and {@code history_days} for deletes, with nested data, refs, dates, timestamps and bytes; plus the read-only role
 * {@code kafka-connect-readonly} as the setup FQL in the docs creates it. {@link #createReadOnlyKey} makes a key with
 * that role (its secret is shown only once).
 */
public final class SampleData {
  private SampleData() {}

  public static void load(LocalFauna fauna) {
    fauna.query("""
        [{"create_collection":{"object":{"name":"customers","history_days":30}}},
         {"create_collection":{"object":{"name":"orders","history_days":30}}}]""");
    fauna.query("""
        [{"create_index":{"object":{"name":"customers_by_ts","source":{"collection":"customers"},"terms":[],
            "values":[{"object":{"field":"ts"}},{"object":{"field":"ref"}}]}}},
         {"create_index":{"object":{"name":"orders_by_ts","source":{"collection":"orders"},"terms":[],
            "values":[{"object":{"field":"ts"}},{"object":{"field":"ref"}}]}}},
         {"create_index":{"object":{"name":"customers_by_ttl","source":{"collection":"customers"},"terms":[],
            "values":[{"object":{"field":"ttl"}},{"object":{"field":"ref"}}]}}},
         {"create_index":{"object":{"name":"orders_by_ttl","source":{"collection":"orders"},"terms":[],
            "values":[{"object":{"field":"ttl"}},{"object":{"field":"ref"}}]}}}]""");
    fauna.query("""
        [{"create":{"ref":{"collection":"customers"},"id":"101"},"params":{"object":{"data":{"object":{
            "name":"Ada Lovelace","email":"ada@example.com","tier":"gold","signed_up":{"@date":"2021-03-14"},
            "address":{"object":{"city":"London","zip":"NW1 6XE"}},"tags":["vip","early"]}}}}},
         {"create":{"ref":{"collection":"customers"},"id":"102"},"params":{"object":{"data":{"object":{
            "name":"Grace Hopper","email":"grace@example.com","tier":"silver","signed_up":{"@date":"2022-07-01"},
            "address":{"object":{"city":"New York","zip":"10001"}},"tags":[]}}}}},
         {"create":{"ref":{"collection":"customers"},"id":"103"},"params":{"object":{"data":{"object":{
            "name":"Alan Turing","email":"alan@example.com","tier":"gold","signed_up":{"@date":"2023-01-09"},
            "address":{"object":{"city":"Manchester","zip":"M1 1AA"}},"tags":["research"]}}}}}]""");
    fauna.query("""
        [{"create":{"ref":{"collection":"orders"},"id":"201"},"params":{"object":{"data":{"object":{
            "customer":{"ref":{"collection":"customers"},"id":"101"},"total":129.5,"items":3,
            "placed_at":{"@ts":"2024-05-01T10:15:30.123456Z"},"receipt":{"@bytes":"aGVsbG8gd29ybGQ="},
            "shipping":{"object":{"method":"express","address":{"object":{"city":"London"}}}}}}}}},
         {"create":{"ref":{"collection":"orders"},"id":"202"},"params":{"object":{"data":{"object":{
            "customer":{"ref":{"collection":"customers"},"id":"102"},"total":15.0,"items":1,
            "placed_at":{"@ts":"2024-06-11T08:00:00Z"},"receipt":{"@bytes":"-_8="},
            "shipping":{"object":{"method":"standard","address":{"object":{"city":"New York"}}}}}}}}}]""");
    fauna.query("""
        {"create_role":{"object":{"name":"kafka-connect-readonly","privileges":[
          {"object":{"resource":{"collections":null},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"indexes":null},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"collection":"customers"},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"index":"customers_by_ts"},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"index":"customers_by_ttl"},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"collection":"orders"},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"index":"orders_by_ts"},"actions":{"object":{"read":true}}}},
          {"object":{"resource":{"index":"orders_by_ttl"},"actions":{"object":{"read":true}}}}]}}}""");
  }

  /** {@code CreateKey({name: "kafka-connect", role: Role("kafka-connect-readonly")})}; returns the key's secret. */
  public static String createReadOnlyKey(LocalFauna fauna) {
    String answer = fauna.query("""
        {"create_key":{"object":{"name":"kafka-connect","role":{"role":"kafka-connect-readonly"}}}}""");
    return answer.replaceFirst("(?s).*\"secret\":\"([^\"]+)\".*", "$1");
  }
}
