package dev.faunaconnect.fauna;

import com.faunadb.client.query.Expr;

/**
 * One query the connector runs: the driver expression; the same query as FQL text, quoted in error messages so it
 * can be run in the shell; the resources the key needs {@code read} on to run it; and the collection and index it
 * reads (null when none), named in error messages.
 */
public record FaunaQuery(Expr expr, String fql, String resources, String collection, String index) {}
