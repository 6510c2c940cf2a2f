package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real server parses the whole query before it evaluates any of it, so some errors are found in branches that
 * never run and before any write happens: unknown forms, unbound variables, bad literal escapes, empty {@code do},
 * malformed {@code let}, {@code var} and {@code lambda}, and a {@code map}, {@code filter} or {@code foreach} whose
 * function is not a lambda form. This pass reports the first such error, at the position the server gives it.
 */
final class ParseCheck {
  /** Forms whose first argument must be a literal lambda form, parsed at the form's own key. */
  private static final Set<String> LAMBDA_TAKERS = Set.of("map", "filter", "foreach", "query");

  private final Forms forms;

  ParseCheck(Forms forms) {
    this.forms = forms;
  }

  void check(JsonNode root) {
    expr(root, Set.of(), List.of());
  }

  /** The names a lambda form uses without binding them, in the order they first appear. */
  static Set<String> freeVariables(JsonNode lambdaForm) {
    Set<String> free = new LinkedHashSet<>();
    collectFree(lambdaForm, new HashSet<>(), free);
    return free;
  }

  // ---- the check --------------------------------------------------------------------------------------------

  private void expr(JsonNode node, Set<String> bound, List<Object> at) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        expr(node.get(i), bound, Evaluator.append(at, i));
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    List<String> keys = keys(node);
    if (keys.size() == 1 && WireCodec.isEscape(keys.get(0))) {
      escape(keys.get(0), node.get(keys.get(0)), bound, at);
      return;
    }
    if (forms.find(new LinkedHashSet<>(keys)) == null) {
      throw FaunaError.invalidExpression(
          "No form/function found, or invalid argument keys: { " + String.join(", ", keys) + " }.").at(at);
    }
    switch (syntax(keys)) {
      case "var" -> var(node.get("var"), bound, at);
      case "let" -> let(node, bound, at);
      case "lambda" -> lambda(node, bound, at);
      case "object" -> object(node.get("object"), bound, at);
      case "do" -> list(node.get("do"), bound, Evaluator.append(at, "do"));
      default -> arguments(node, keys, bound, at);
    }
  }

  /** The forms whose arguments are not all plain expressions; "" for every other form. */
  private static String syntax(List<String> keys) {
    for (String form : List.of("var", "object", "do")) {
      if (keys.equals(List.of(form))) {
        return form;
      }
    }
    if (keys.contains("let")) {
      return "let";
    }
    return keys.size() == 2 && keys.contains("lambda") && keys.contains("expr") ? "lambda" : "";
  }

  private void arguments(JsonNode node, List<String> keys, Set<String> bound, List<Object> at) {
    for (String key : keys) {
      JsonNode arg = node.get(key);
      List<Object> argAt = Evaluator.append(at, key);
      if (LAMBDA_TAKERS.contains(key)) {
        lambdaArgument(arg, bound, argAt);
      } else if ((key.equals("and") || key.equals("or")) && arg.isArray() && arg.isEmpty()) {
        throw empty(argAt);
      } else {
        expr(arg, bound, argAt);
      }
    }
  }

  private void lambdaArgument(JsonNode arg, Set<String> bound, List<Object> at) {
    if (!arg.isObject()) {
      throw FaunaError.invalidExpression("Lambda expected, " + literalType(arg) + " provided.").at(at);
    }
    List<String> keys = keys(arg);
    if (!(keys.size() == 2 && keys.contains("lambda") && keys.contains("expr"))) {
      throw FaunaError.invalidExpression(
          "No form/function found, or invalid argument keys: { " + String.join(", ", keys) + " }.").at(at);
    }
    lambda(arg, bound, at);
  }

  private void var(JsonNode name, Set<String> bound, List<Object> at) {
    if (!name.isTextual()) {
      throw FaunaError.invalidExpression("String expected, " + literalType(name) + " provided.")
          .at(Evaluator.append(at, "var"));
    }
    if (!bound.contains(name.asText())) {
      throw FaunaError.invalidExpression("Variable '" + name.asText() + "' is not defined.").at(at);
    }
  }

  /** Bindings see the ones before them (back references), never the ones after. */
  private void let(JsonNode node, Set<String> bound, List<Object> at) {
    JsonNode bindings = node.get("let");
    List<Object> letAt = Evaluator.append(at, "let");
    Set<String> scope = new HashSet<>(bound);
    if (bindings.isArray()) {
      for (int i = 0; i < bindings.size(); i++) {
        JsonNode binding = bindings.get(i);
        if (!binding.isObject() || binding.size() != 1) {
          throw FaunaError.invalidExpression("Object expected, " + literalType(binding) + " provided.")
              .at(Evaluator.append(letAt, i));
        }
        String name = binding.fieldNames().next();
        expr(binding.get(name), scope, Evaluator.append(Evaluator.append(letAt, i), name));
        scope.add(name);
      }
    } else if (bindings.isObject()) {
      bindings.fields().forEachRemaining(e -> {
        expr(e.getValue(), scope, Evaluator.append(letAt, e.getKey()));
        scope.add(e.getKey());
      });
    } else {
      throw FaunaError.invalidExpression("Array expected, " + literalType(bindings) + " provided.").at(letAt);
    }
    expr(node.get("in"), scope, Evaluator.append(at, "in"));
  }

  private void lambda(JsonNode node, Set<String> bound, List<Object> at) {
    Set<String> scope = new HashSet<>(bound);
    scope.addAll(parameters(node.get("lambda"), Evaluator.append(at, "lambda")));
    expr(node.get("expr"), scope, Evaluator.append(at, "expr"));
  }

  private static List<String> parameters(JsonNode params, List<Object> at) {
    List<String> names = new ArrayList<>();
    if (params.isTextual()) {
      names.add(params.asText());
    } else if (params.isArray()) {
      for (int i = 0; i < params.size(); i++) {
        if (!params.get(i).isTextual()) {
          throw FaunaError.invalidExpression("String expected, " + literalType(params.get(i)) + " provided.")
              .at(Evaluator.append(at, i));
        }
        names.add(params.get(i).asText());
      }
    } else {
      throw FaunaError.invalidExpression("String or Array expected, " + literalType(params) + " provided.").at(at);
    }
    names.remove("_");
    return names;
  }

  private void object(JsonNode fields, Set<String> bound, List<Object> at) {
    List<Object> objectAt = Evaluator.append(at, "object");
    if (!fields.isObject()) {
      throw FaunaError.invalidExpression("Object expected, " + literalType(fields) + " provided.").at(objectAt);
    }
    if (fields.size() == 1 && WireCodec.isEscape(fields.fieldNames().next())) {
      String tag = fields.fieldNames().next();
      if (!tag.equals("@obj")) {
        escape(tag, fields.get(tag), bound, objectAt);
        return; // the escape's value is not an object: the evaluator reports it
      }
      fields = fields.get(tag);
      if (!fields.isObject()) {
        throw FaunaError.invalidExpression("Invalid object.").at(objectAt);
      }
    }
    fields.fields().forEachRemaining(e -> expr(e.getValue(), bound, Evaluator.append(objectAt, e.getKey())));
  }

  private void list(JsonNode steps, Set<String> bound, List<Object> at) {
    if (!steps.isArray()) {
      throw FaunaError.invalidExpression("Array expected, " + literalType(steps) + " provided.").at(at);
    }
    if (steps.isEmpty()) {
      throw empty(at);
    }
    expr(steps, bound, at);
  }

  private void escape(String tag, JsonNode body, Set<String> bound, List<Object> at) {
    switch (tag) {
      case "@obj" -> {
        if (!body.isObject()) {
          throw FaunaError.invalidExpression("Invalid object.").at(at);
        }
        expr(body, bound, Evaluator.append(at, "@obj"));
      }
      case "@set", "@query" -> { }
      default -> {
        try {
          WireCodec.decodeScalarEscape(tag, body);
        } catch (FaunaError e) {
          throw e.at(at);
        }
      }
    }
  }

  private static FaunaError empty(List<Object> at) {
    return FaunaError.invalidExpression("Expression list cannot be empty.").at(at);
  }

  // ---- free variables ---------------------------------------------------------------------------------------

  private static void collectFree(JsonNode node, Set<String> bound, Set<String> free) {
    if (node.isArray()) {
      node.forEach(n -> collectFree(n, bound, free));
      return;
    }
    if (!node.isObject() || node.size() == 1 && WireCodec.isEscape(node.fieldNames().next())
        && !node.has("@obj")) {
      return;
    }
    if (node.size() == 1 && node.has("var") && node.get("var").isTextual()) {
      if (!bound.contains(node.get("var").asText())) {
        free.add(node.get("var").asText());
      }
      return;
    }
    if (node.has("lambda") && node.has("expr") && node.size() == 2) {
      Set<String> inner = new HashSet<>(bound);
      try {
        inner.addAll(parameters(node.get("lambda"), List.of()));
      } catch (FaunaError e) {
        return;
      }
      collectFree(node.get("expr"), inner, free);
      return;
    }
    if (node.has("let") && node.has("in") && node.size() == 2) {
      Set<String> inner = new HashSet<>(bound);
      JsonNode bindings = node.get("let");
      List<JsonNode> pairs = new ArrayList<>();
      if (bindings.isArray()) {
        bindings.forEach(pairs::add);
      } else {
        pairs.add(bindings);
      }
      for (JsonNode pair : pairs) {
        pair.fields().forEachRemaining(e -> {
          collectFree(e.getValue(), inner, free);
          inner.add(e.getKey());
        });
      }
      collectFree(node.get("in"), inner, free);
      return;
    }
    node.fields().forEachRemaining(e -> collectFree(e.getValue(), bound, free));
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The type name the server gives a literal it found where another was expected. */
  static String literalType(JsonNode node) {
    if (node.isIntegralNumber()) {
      return "Integer";
    }
    if (node.isNumber()) {
      return "Double";
    }
    if (node.isTextual()) {
      return "String";
    }
    if (node.isBoolean()) {
      return "Boolean";
    }
    if (node.isNull()) {
      return "Null";
    }
    if (node.isArray()) {
      return "Array";
    }
    if (node.size() == 1) {
      String tag = node.fieldNames().next();
      Map<String, String> escapes = Map.of("@ts", "Time", "@date", "Date", "@bytes", "Bytes", "@ref", "Ref",
          "@set", "Set", "@query", "Lambda", "@uuid", "UUID");
      if (escapes.containsKey(tag)) {
        return escapes.get(tag);
      }
    }
    return "Object";
  }
}
