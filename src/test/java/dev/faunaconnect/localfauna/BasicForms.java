package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faunaconnect.localfauna.Values.QueryValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/** Scoping, control flow, objects, comparison, arithmetic, strings and Select. */
final class BasicForms {
  private BasicForms() {}

  static void register(Forms f) {
    f.add("let in", BasicForms::let)
        .add("var", c -> {
          String name = c.stringArg("var");
          if (!c.ctx.scope().containsKey(name)) {
            throw c.fail(FaunaError.invalidExpression("Variable '" + name + "' is not defined."));
          }
          return c.ctx.scope().get(name);
        })
        .add("lambda expr", c -> new QueryValue(c.node, c.ctx.scope(), c.position, "4"))
        .add("query", c -> c.arg("query", QueryValue.class, "Lambda"))
        .add("if then else", c -> c.arg("if", Boolean.class, "Boolean") ? c.arg("then") : c.arg("else"))
        .add("do", BasicForms::doForm)
        .add("object", BasicForms::object)
        .add("abort", c -> {
          throw c.fail(FaunaError.aborted(c.stringArg("abort")));
        })
        .add("at expr", BasicForms::at)
        .add("equals", c -> allPairs(c, "equals", BasicForms::equal))
        .add("and", c -> logic(c, "and", false))
        .add("or", c -> logic(c, "or", true))
        .add("not", c -> !c.arg("not", Boolean.class, "Boolean"))
        .add("lt", c -> compareChain(c, "lt", r -> r < 0))
        .add("lte", c -> compareChain(c, "lte", r -> r <= 0))
        .add("gt", c -> compareChain(c, "gt", r -> r > 0))
        .add("gte", c -> compareChain(c, "gte", r -> r >= 0))
        .add("add", c -> arithmetic(c, "add", (a, b) -> a + b, Double::sum))
        .add("subtract", c -> arithmetic(c, "subtract", (a, b) -> a - b, (a, b) -> a - b))
        .add("multiply", c -> arithmetic(c, "multiply", (a, b) -> a * b, (a, b) -> a * b))
        .add("concat ?separator", BasicForms::concat)
        .add("is_null", c -> c.arg("is_null") == null)
        .add("format values", c -> FormatText.format(c.stringArg("format"), elements(c.arg("values")), c.position))
        .add("select from ?default ?all", BasicForms::select)
        // AppendFunction, PrependFunction: "append"/"prepend" zero or more values, "collection" an array
        .add("append collection", c -> {
          List<Object> joined = new ArrayList<>(c.arg("collection", List.class, "Array"));
          joined.addAll(elements(c.arg("append")));
          return joined;
        })
        .add("prepend collection", c -> {
          List<Object> joined = elements(c.arg("prepend"));
          joined.addAll(c.arg("collection", List.class, "Array"));
          return joined;
        })
        .add("contains_path in", c -> {
          List<Object> path = path(c, "contains_path");
          Object in = c.arg("in");
          try {
            Selector.select(path, in, c.ev.store);
            return true;
          } catch (FaunaError e) {
            return false;
          }
        });
  }

  /** {@code {"let":[{"a":E}, {"b":E}], "in":B}} (Java) or {@code {"let":{"a":E,"b":E},"in":B}} (Python). */
  private static Object let(Call c) {
    Map<String, Object> scope = new HashMap<>(c.ctx.scope());
    JsonNode bindings = c.raw("let");
    List<Object> at = c.at("let");
    if (bindings.isArray()) {
      for (int i = 0; i < bindings.size(); i++) {
        JsonNode binding = bindings.get(i);
        if (!binding.isObject() || binding.size() != 1) {
          throw FaunaError.invalidArgument("Object expected.").at(Evaluator.append(at, i));
        }
        bind(c, scope, (ObjectNode) binding, Evaluator.append(at, i));
      }
    } else if (bindings.isObject()) {
      bind(c, scope, (ObjectNode) bindings, at);
    } else {
      throw FaunaError.invalidArgument("Object expected.").at(at);
    }
    return c.arg("in", c.ctx.withScope(scope));
  }

  private static void bind(Call c, Map<String, Object> scope, ObjectNode binding, List<Object> at) {
    binding.fields().forEachRemaining(e ->
        scope.put(e.getKey(), c.ev.eval(e.getValue(), c.ctx.withScope(new HashMap<>(scope)),
            Evaluator.append(at, e.getKey()))));
  }

  /**
   * {@code {"object": {...}}}: each value is an expression. A lone escape key is read as that escape, so
   * {@code {"object": {"@obj": {...}}}} writes keys that start with "@" (QueryParser "object").
   */
  private static Object object(Call c) {
    JsonNode fields = c.raw("object");
    if (fields.size() == 1 && WireCodec.isEscape(fields.fieldNames().next())) {
      String tag = fields.fieldNames().next();
      if (!tag.equals("@obj")) {
        Object escaped;
        try {
          escaped = WireCodec.decodeScalarEscape(tag, fields.get(tag));
        } catch (FaunaError e) {
          throw e.at(c.at("object"));
        }
        throw c.fail(FaunaError.invalidExpression("Object expected, " + Evaluator.typeName(escaped) + " provided."));
      }
      fields = fields.get(tag);
    }
    return c.ev.evalObjectLiteral(fields, c.ctx, c.at("object"));
  }

  private static Object doForm(Call c) {
    JsonNode steps = c.raw("do");
    if (!steps.isArray()) {
      return c.arg("do");
    }
    Object last = null;
    for (int i = 0; i < steps.size(); i++) {
      last = c.ev.eval(steps.get(i), c.ctx, Evaluator.append(c.at("do"), i));
    }
    return last;
  }

  private static Object at(Call c) {
    Object ts = c.arg("at");
    long micros;
    if (ts instanceof Long l) {
      micros = l;
    } else if (ts instanceof TimeValue t) {
      micros = t.micros();
    } else {
      throw c.failAt("at", FaunaError.invalidArgument("Time expected, " + Evaluator.typeName(ts) + " provided."));
    }
    return c.arg("expr", c.ctx.withSnapshot(Math.min(micros, c.ctx.txn().ts)));
  }

  /** A variadic argument's values: an array's elements, or the one value given. */
  private static List<Object> elements(Object v) {
    return v instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(v);
  }

  /** Where element {@code i} of a variadic argument is reported: at its index when an array was given. */
  private static List<Object> elementAt(Call c, String key, int i) {
    return c.raw(key).isArray() ? Evaluator.append(c.at(key), i) : c.at(key);
  }

  /** {@code OneOrMore} arguments: at least one value. */
  private static List<Object> operands(Call c, String key) {
    List<Object> xs = elements(c.arg(key));
    if (xs.isEmpty()) {
      throw c.failAt(key, FaunaError.invalidArgument("Non-empty array expected."));
    }
    return xs;
  }

  private static boolean allPairs(Call c, String key, java.util.function.BiPredicate<Object, Object> test) {
    List<Object> xs = operands(c, key);
    for (int i = 1; i < xs.size(); i++) {
      if (!test.test(xs.get(0), xs.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** EqualsFunction: numbers compare by value (1 equals 1.0); anything else, nested numbers too, structurally. */
  private static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && (a instanceof Double || b instanceof Double)) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return Objects.equals(a, b);
  }

  /** And/Or evaluate their arguments one by one and stop at the first that decides. */
  private static boolean logic(Call c, String key, boolean shortCircuitOn) {
    JsonNode args = c.raw(key);
    int n = args.isArray() ? args.size() : 1;
    for (int i = 0; i < n; i++) {
      List<Object> at = args.isArray() ? Evaluator.append(c.at(key), i) : c.at(key);
      Object v = c.ev.eval(args.isArray() ? args.get(i) : args, c.ctx, at);
      if (!(v instanceof Boolean b)) {
        throw FaunaError.invalidArgument("Boolean expected, " + Evaluator.typeName(v) + " provided.")
            .at(Evaluator.append(c.at(key), i));
      }
      if (b == shortCircuitOn) {
        return shortCircuitOn;
      }
    }
    return !shortCircuitOn;
  }

  private static boolean compareChain(Call c, String key, IntPredicate test) {
    List<Object> xs = operands(c, key);
    for (int i = 1; i < xs.size(); i++) {
      if (!test.test(ValueOrder.compare(xs.get(i - 1), xs.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** NumberFolds: Long arithmetic wraps around like the JVM's; a Double anywhere makes the rest Double. */
  private static Object arithmetic(Call c, String key, java.util.function.LongBinaryOperator longs,
                                   java.util.function.DoubleBinaryOperator doubles) {
    List<Object> xs = operands(c, key);
    for (int i = 0; i < xs.size(); i++) {
      if (!(xs.get(i) instanceof Long) && !(xs.get(i) instanceof Double)) {
        throw FaunaError.invalidArgument("Number expected, " + Evaluator.typeName(xs.get(i)) + " provided.")
            .at(elementAt(c, key, i));
      }
    }
    Object acc = xs.get(0);
    for (Object x : xs.subList(1, xs.size())) {
      if (acc instanceof Long a && x instanceof Long b) {
        acc = longs.applyAsLong(a, b);
      } else {
        acc = doubles.applyAsDouble(((Number) acc).doubleValue(), ((Number) x).doubleValue());
      }
    }
    return acc;
  }

  private static Object concat(Call c) {
    String separator = c.has("separator") ? c.stringArg("separator") : "";
    List<Object> xs = elements(c.arg("concat"));
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      if (!(xs.get(i) instanceof String s)) {
        throw FaunaError.invalidArgument("String expected, " + Evaluator.typeName(xs.get(i)) + " provided.")
            .at(elementAt(c, "concat", i));
      }
      parts.add(s);
    }
    return String.join(separator, parts);
  }

  /** {@code Casts.Path}: a string, an integer, or an array of them. */
  private static List<Object> path(Call c, String key) {
    List<Object> steps = elements(c.arg(key));
    for (int i = 0; i < steps.size(); i++) {
      if (!(steps.get(i) instanceof String) && !(steps.get(i) instanceof Long)) {
        throw FaunaError.invalidArgument("String or Integer expected, " + Evaluator.typeName(steps.get(i))
            + " provided.").at(elementAt(c, key, i));
      }
    }
    return steps;
  }

  /** The default is evaluated only when the path is not found (API 3 and later; BasicFunctions3Spec). */
  private static Object select(Call c) {
    List<Object> path = path(c, "select");
    Object from = c.arg("from");
    FaunaError unresolved = from instanceof Values.RefValue ref ? ReadForms.unresolved(c.ev.store, ref) : null;
    if (unresolved != null) {
      throw unresolved.at(c.at("from"));
    }
    if (c.has("all")) {
      c.arg("all", Boolean.class, "Boolean");
    }
    try {
      return Selector.select(path, from, c.ev.store);
    } catch (FaunaError e) {
      if (c.has("default") && "value not found".equals(e.code)) {
        return c.arg("default");
      }
      // a missing path is reported at the value it was looked for in
      throw "value not found".equals(e.code) ? c.failAt("from", e) : c.fail(e);
    }
  }
}
