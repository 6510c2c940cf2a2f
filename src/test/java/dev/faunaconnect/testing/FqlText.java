package dev.faunaconnect.testing;

import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Language;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FQL v4 text as a user pastes it into a shell ({@code Update(Role("r"), { privileges: [...] })}), turned into the
 * driver's expression, so a test can run the FQL the connector prints exactly as printed. Each call is the
 * driver's {@link Language} function of that name and arity (its {@code Expr} overload); objects, arrays, strings,
 * integers, booleans and null are the driver's values. Anything else is refused: text that would not parse in a
 * shell does not parse here either.
 */
public final class FqlText {
  private final String text;
  private int at;

  private FqlText(String text) {
    this.text = text;
  }

  /** The expression of the whole text. */
  public static Expr parse(String text) {
    FqlText parser = new FqlText(text);
    Expr expr = parser.expr();
    parser.space();
    if (parser.at != text.length()) {
      throw parser.error("text after the expression");
    }
    return expr;
  }

  private Expr expr() {
    space();
    if (at >= text.length()) {
      throw error("an expression");
    }
    char c = text.charAt(at);
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '"') {
      return Language.Value(string());
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = at++;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      return Language.Value(Long.parseLong(text.substring(start, at)));
    }
    String name = identifier();
    switch (name) {
      case "true": return Language.Value(true);
      case "false": return Language.Value(false);
      case "null": return Language.Null();
      default: return call(name);
    }
  }

  private Expr call(String name) {
    expect('(');
    List<Expr> args = new ArrayList<>();
    space();
    if (peek() != ')') {
      do {
        args.add(expr());
        space();
      } while (take(','));
    }
    expect(')');
    for (Method m : Language.class.getMethods()) {
      if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == args.size()
          && Arrays.stream(m.getParameterTypes()).allMatch(t -> t == Expr.class)) {
        try {
          return (Expr) m.invoke(null, args.toArray());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw error("a function " + name + " of " + args.size() + " arguments");
  }

  private Expr object() {
    expect('{');
    Map<String, Expr> fields = new LinkedHashMap<>();
    space();
    if (peek() != '}') {
      do {
        space();
        String key = peek() == '"' ? string() : identifier();
        expect(':');
        fields.put(key, expr());
        space();
      } while (take(','));
    }
    expect('}');
    return Language.Obj(fields);
  }

  private Expr array() {
    expect('[');
    List<Expr> items = new ArrayList<>();
    space();
    if (peek() != ']') {
      do {
        items.add(expr());
        space();
      } while (take(','));
    }
    expect(']');
    return Language.Arr(items);
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (at < text.length() && text.charAt(at) != '"') {
      char c = text.charAt(at++);
      if (c == '\\') {
        if (at >= text.length()) {
          throw error("an escaped character");
        }
        c = text.charAt(at++);
      }
      out.append(c);
    }
    expect('"');
    return out.toString();
  }

  private String identifier() {
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    if (start == at) {
      throw error("a name");
    }
    return text.substring(start, at);
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private boolean take(char c) {
    space();
    if (peek() == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!take(c)) {
      throw error("'" + c + "'");
    }
  }

  private IllegalArgumentException error(String wanted) {
    return new IllegalArgumentException("Not FQL: expected " + wanted + " at " + at + " of: " + text);
  }
}
