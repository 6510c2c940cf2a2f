package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faunaconnect.localfauna.Values.BytesValue;
import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.QueryValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates FQL v4 expressions (the JSON the driver sends) against the store. */
final class Evaluator {
  final Store store;
  private final Forms forms = new Forms();
  private final ParseCheck parseCheck = new ParseCheck(forms);

  Evaluator(Store store) {
    this.store = store;
    BasicForms.register(forms);
    TimeForms.register(forms);
    ReadForms.register(forms);
    WriteForms.register(forms);
    SchemaForms.register(forms);
  }

  /** Evaluates a whole query: like the real server, it is parsed (checked) completely before any of it runs. */
  Object run(JsonNode query, Ctx ctx) {
    parseCheck.check(query);
    return eval(query, ctx, List.of());
  }

  Object eval(JsonNode node, Ctx ctx, List<Object> position) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isObject()) {
      return evalObject((ObjectNode) node, ctx, position);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(eval(node.get(i), ctx, append(position, i)));
      }
      return Collections.unmodifiableList(out);
    }
    return WireCodec.scalar(node);
  }

  private Object evalObject(ObjectNode node, Ctx ctx, List<Object> position) {
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    try {
      if (keys.size() == 1) {
        String only = keys.iterator().next();
        if (WireCodec.isEscape(only)) {
          return escape(only, node.get(only), ctx, position);
        }
      }
      Form form = forms.find(keys);
      if (form == null) {
        throw FaunaError.invalidExpression(
            "No form/function found, or invalid argument keys: { " + String.join(", ", keys) + " }.");
      }
      return form.handler().apply(new Call(node, ctx, this, position));
    } catch (FaunaError e) {
      throw e.at(position);
    } catch (ArithmeticException e) {
      throw FaunaError.invalidArgument("Integer overflow.").at(position);
    }
  }

  private Object escape(String tag, JsonNode body, Ctx ctx, List<Object> position) {
    return switch (tag) {
      // {"@obj": X} reads X as an expression (QueryParser), so {"object": {"@obj": {...}}} is how a client writes
      // an object literal whose keys start with "@".
      case "@obj" -> {
        if (!body.isObject()) {
          throw FaunaError.invalidExpression("Invalid object.");
        }
        yield eval(body, ctx, append(position, "@obj"));
      }
      case "@set" -> eval(body, ctx, position);
      case "@query" -> WireCodec.queryLiteral(body);
      default -> WireCodec.decodeScalarEscape(tag, body);
    };
  }

  /** Applies a lambda where it was given, e.g. as the {@code map} argument of a Map. */
  Object apply(QueryValue lambda, Object value, Ctx ctx) {
    return apply(lambda, value, ctx, lambda.position());
  }

  /**
   * Applies a lambda to one value: a single parameter binds it, an array of parameters destructures an array (a
   * one-parameter array also binds a scalar); {@code _} binds nothing. A wrong arity is reported at
   * {@code <callAt>/lambda}, e.g. {@code ["map","lambda"]} (EvalContext.genLambdaArgMap).
   */
  Object apply(QueryValue lambda, Object value, Ctx ctx, List<Object> callAt) {
    JsonNode params = lambda.lambda().get("lambda");
    Map<String, Object> scope = new HashMap<>(lambda.scope());
    if (params.isTextual()) {
      bind(scope, params.asText(), value);
    } else if (value instanceof List<?> list && list.size() == params.size()) {
      for (int i = 0; i < params.size(); i++) {
        bind(scope, params.get(i).asText(), list.get(i));
      }
    } else if (params.size() == 1 && !(value instanceof List)) {
      bind(scope, params.get(0).asText(), value);
    } else {
      int actual = value instanceof List<?> l ? l.size() : 1;
      throw FaunaError.invalidArgument("Lambda expects an array with " + params.size()
          + " elements. Array contains " + actual + ".").at(append(callAt, "lambda"));
    }
    return eval(lambda.lambda().get("expr"), ctx.withScope(scope), append(lambda.position(), "expr"));
  }

  private static void bind(Map<String, Object> scope, String name, Object value) {
    if (!"_".equals(name)) {
      scope.put(name, value);
    }
  }

  <T> T expect(Object value, Class<T> type, String expected, List<Object> position) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw FaunaError.invalidArgument(expected + " expected, " + typeName(value) + " provided.").at(position);
  }

  static String typeName(Object v) {
    if (v == null) {
      return "Null";
    }
    if (v instanceof Long) {
      return "Integer";
    }
    if (v instanceof Double) {
      return "Double";
    }
    if (v instanceof String) {
      return "String";
    }
    if (v instanceof Boolean) {
      return "Boolean";
    }
    if (v instanceof List) {
      return "Array";
    }
    if (v instanceof PageValue) {
      return "Page";
    }
    if (v instanceof Map) {
      return "Object";
    }
    if (v instanceof RefValue ref) {
      return refTypeName(ref);
    }
    if (v instanceof FaunaSet) {
      return "Set";
    }
    if (v instanceof TimeValue) {
      return "Time";
    }
    if (v instanceof DateValue) {
      return "Date";
    }
    if (v instanceof BytesValue) {
      return "Bytes";
    }
    if (v instanceof QueryValue) {
      return "Lambda";
    }
    if (v instanceof Values.UuidValue) {
      return "UUID";
    }
    return v.getClass().getSimpleName();
  }

  /** Type.getType for refs: schema refs are named after their kind (a native collection is a Collection Ref). */
  static String refTypeName(RefValue ref) {
    if (ref.isNative()) {
      return "Collection Ref";
    }
    if (!ref.collection().isNative()) {
      return "Ref";
    }
    return switch (ref.collection().id()) {
      case "collections" -> "Collection Ref";
      case "indexes" -> "Index Ref";
      case "databases" -> "Database Ref";
      case "keys" -> "Key Ref";
      case "functions" -> "User Function Ref";
      default -> "Ref";
    };
  }

  static List<Object> append(List<Object> position, Object step) {
    List<Object> p = new ArrayList<>(position.size() + 1);
    p.addAll(position);
    p.add(step);
    return p;
  }

  /** An object literal's values, evaluated in order. */
  Map<String, Object> evalObjectLiteral(JsonNode body, Ctx ctx, List<Object> position) {
    Map<String, Object> out = new LinkedHashMap<>();
    body.fields().forEachRemaining(e -> out.put(e.getKey(), eval(e.getValue(), ctx, append(position, e.getKey()))));
    return out;
  }
}
