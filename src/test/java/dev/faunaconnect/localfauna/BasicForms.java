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
        .add("lambda expr", c -> new QueryValue(c.node, c.ctx.scope(), c.position))
        .add("query", c -> c.arg("query", QueryValue.class, "Lambda"))
        .add("if then else", c -> c.arg("if", Boolean.class, "Boolean") ? c.arg("then") : c.arg("else"))
        .add("do", BasicForms::doForm)
        .add("object", c -> c.ev.evalObjectLiteral(c.raw("object"), c.ctx, c.at("object")))
        .add("abort", c -> {
          throw c.fail(FaunaError.aborted(c.stringArg("abort")));
        })
        .add("at expr", BasicForms::at)
        .add("equals", c -> allPairs(c, "equals", (a, b) -> Objects.equals(a, b)))
        .add("and", c -> logic(c, "and", false))
        .add("or", c -> logic(c, "or", true))
        .add("not", c -> !c.arg("not", Boolean.class, "Boolean"))
        .add("lt", c -> compareChain(c, "lt", r -> r < 0))
        .add("lte", c -> compareChain(c, "lte", r -> r <= 0))
        .add("gt", c -> compareChain(c, "gt", r -> r > 0))
        .add("gte", c -> compareChain(c, "gte", r -> r >= 0))
        .add("add", c -> arithmetic(c, "add", Math::addExact, Double::sum))
        .add("subtract", c -> arithmetic(c, "subtract", Math::subtractExact, (a, b) -> a - b))
        .add("multiply", c -> arithmetic(c, "multiply", Math::multiplyExact, (a, b) -> a * b))
        .add("concat ?separator", BasicForms::concat)
        .add("is_null", c -> c.arg("is_null") == null)
        .add("format values", BasicForms::format)
        .add("select from ?default ?all", BasicForms::select)
        .add("contains_path in", c -> {
          try {
            Selector.select(c.arg("contains_path"), c.arg("in"), c.ev.store);
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
      throw c.failAt("at", FaunaError.invalidArgument("Time or Integer expected, " + Evaluator.typeName(ts)
          + " provided."));
    }
    return c.arg("expr", c.ctx.withSnapshot(Math.min(micros, c.ctx.txn().ts)));
  }

  private static List<Object> operands(Call c, String key) {
    Object v = c.arg(key);
    return v instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(v);
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

  private static boolean logic(Call c, String key, boolean shortCircuitOn) {
    for (Object v : operands(c, key)) {
      if (!(v instanceof Boolean b)) {
        throw c.failAt(key, FaunaError.invalidArgument("Boolean expected, " + Evaluator.typeName(v) + " provided."));
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

  private static Object arithmetic(Call c, String key, java.util.function.LongBinaryOperator longs,
                                   java.util.function.DoubleBinaryOperator doubles) {
    List<Object> xs = operands(c, key);
    Object acc = null;
    for (Object x : xs) {
      if (!(x instanceof Long) && !(x instanceof Double)) {
        throw c.failAt(key, FaunaError.invalidArgument("Number expected, " + Evaluator.typeName(x) + " provided."));
      }
      if (acc == null) {
        acc = x;
      } else if (acc instanceof Long a && x instanceof Long b) {
        acc = longs.applyAsLong(a, b);
      } else {
        acc = doubles.applyAsDouble(((Number) acc).doubleValue(), ((Number) x).doubleValue());
      }
    }
    return acc;
  }

  private static Object concat(Call c) {
    String separator = c.has("separator") ? c.stringArg("separator") : "";
    List<String> parts = new ArrayList<>();
    for (Object v : operands(c, "concat")) {
      if (!(v instanceof String s)) {
        throw c.failAt("concat", FaunaError.invalidArgument("String expected, " + Evaluator.typeName(v) + " provided."));
      }
      parts.add(s);
    }
    return String.join(separator, parts);
  }

  /** {@code Format}: {@code %s} (a value as text), {@code %d}, {@code %%}. */
  private static Object format(Call c) {
    String fmt = c.stringArg("format");
    List<Object> values = operands(c, "values");
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char ch = fmt.charAt(i);
      if (ch != '%' || i + 1 >= fmt.length()) {
        out.append(ch);
        continue;
      }
      char spec = fmt.charAt(++i);
      if (spec == '%') {
        out.append('%');
      } else {
        if (next >= values.size()) {
          throw c.fail(FaunaError.invalidArgument("Not enough values for format string."));
        }
        out.append(FormatText.of(values.get(next++)));
      }
    }
    return out.toString();
  }

  private static Object select(Call c) {
    Object path = c.arg("select");
    Object from = c.arg("from");
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
