package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.ArrayList;
import java.util.List;

/** One evaluation of a form: its JSON, its position in the query, and helpers to evaluate and type its arguments. */
final class Call {
  final ObjectNode node;
  final Ctx ctx;
  final Evaluator ev;
  final List<Object> position;

  Call(ObjectNode node, Ctx ctx, Evaluator ev, List<Object> position) {
    this.node = node;
    this.ctx = ctx;
    this.ev = ev;
    this.position = position;
  }

  Store store() {
    return ev.store;
  }

  boolean has(String key) {
    return node.has(key);
  }

  JsonNode raw(String key) {
    return node.get(key);
  }

  List<Object> at(String key) {
    List<Object> p = new ArrayList<>(position.size() + 1);
    p.addAll(position);
    p.add(key);
    return p;
  }

  Object arg(String key) {
    return ev.eval(node.get(key), ctx, at(key));
  }

  Object arg(String key, Ctx in) {
    return ev.eval(node.get(key), in, at(key));
  }

  /** Evaluates an argument and checks its type: {@code "<Expected> expected, <Actual> provided."}. */
  <T> T arg(String key, Class<T> type, String expected) {
    return ev.expect(arg(key), type, expected, at(key));
  }

  long longArg(String key) {
    return arg(key, Long.class, "Integer");
  }

  String stringArg(String key) {
    return arg(key, String.class, "String");
  }

  RefValue refArg(String key) {
    return arg(key, RefValue.class, "Ref");
  }

  FaunaError fail(FaunaError e) {
    return e.at(position);
  }

  FaunaError failAt(String key, FaunaError e) {
    return e.at(at(key));
  }
}
