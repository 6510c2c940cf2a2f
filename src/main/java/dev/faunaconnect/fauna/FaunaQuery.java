package dev.faunaconnect.fauna;

import com.faunadb.client.query.Expr;
import java.util.List;

/**
 * One query the connector runs: the driver expression; the same query as FQL text, quoted in error messages so it
 * can be run in the shell; the resources the key needs {@code read} on to run it (each as FQL, e.g. {@code Collection("c")}); and the collection and index it
 * reads (null when none), named in error messages.
 */
public record FaunaQuery(Expr expr, String fql, List<String> resources, String collection, String index) {}
