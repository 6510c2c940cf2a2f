package dev.faunaconnect.benchmark;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Pagination;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;

/**
 * The bare faunadb-java loop: {@code Map(Paginate(Documents(c)).size(n).after(cursor), Lambda(x, Get(x)))} page
 * after page through the driver, the decoded values unused (only the page's length and cursor are read).
 */
final class BareDriverScan {
  private final FaunaClient client;

  BareDriverScan(String endpoint, String secret) throws java.net.MalformedURLException {
    client = FaunaClient.builder().withEndpoint(endpoint).withSecret(secret).withCheckNewVersion(false).build();
  }

  /** Reads the whole collection; returns how many documents came back. */
  int scan(String collection, int pageSize) throws Exception {
    int read = 0;
    Value after = null;
    do {
      Pagination page = Paginate(Documents(Collection(collection))).size(pageSize);
      if (after != null) {
        page = page.after(after);
      }
      Value result = client.query(Map(page, Lambda("x", Get(Var("x"))))).get();
      read += result.at("data").to(Codec.ARRAY).get().size();
      after = result.at("after").getOptional().orElse(null);
    } while (after != null);
    return read;
  }
}
