package io.godfs.deployments.kubernetes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One pipeline of {@link GoTemplate}: operands ({@code .a.b}, {@code $}, {@code $x.a}, "string",
 * 12, {@code (sub pipeline)}), the functions {@code quote}, {@code int}, {@code until}, {@code
 * not}, {@code print}, {@code default}, {@code toYaml}, {@code indent} and {@code nindent}, Helm's
 * {@code .Files.Get NAME}, and {@code |}, which passes the left result as the last argument. A
 * missing map key is an error, where helm would print nothing: a typo in a template must fail the
 * tests.
 */
final class TemplateExpression {
  /** The current {@code .} and the variables in sight ({@code $} is the root). */
  record Scope(Object dot, Map<String, Object> variables) {}

  private final String template;
  private final String source;
  private final List<String> tokens = new ArrayList<>();
  private int next;

  TemplateExpression(String template, String source) {
    this.template = template;
    this.source = source;
    tokenize();
  }

  Object evaluate(Scope scope) {
    Object result = pipeline(scope);
    if (next != tokens.size()) {
      throw error("unexpected '" + tokens.get(next) + "'");
    }
    return result;
  }

  static boolean truthy(Object value) {
    return switch (value) {
      case null -> false;
      case Boolean b -> b;
      case Number n -> n.doubleValue() != 0;
      case String s -> !s.isEmpty();
      case Collection<?> c -> !c.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      default -> true;
    };
  }

  /** How Go prints a value; maps and lists would need toYaml, which is not in the subset. */
  static String print(String template, Object value) {
    return switch (value) {
      case null -> "";
      case Double d when d == Math.rint(d) -> Long.toString(d.longValue());
      case Map<?, ?> m ->
          throw new IllegalArgumentException(template + ": printing a map needs toYaml: " + m);
      case Collection<?> c ->
          throw new IllegalArgumentException(template + ": printing a list needs toYaml: " + c);
      default -> value.toString();
    };
  }

  private Object pipeline(Scope scope) {
    Object result = command(scope, null, false);
    while (next < tokens.size() && tokens.get(next).equals("|")) {
      next++;
      result = command(scope, result, true);
    }
    return result;
  }

  private Object command(Scope scope, Object piped, boolean hasPiped) {
    String first = peek();
    boolean filesGet = first.endsWith(".Files.Get");
    if (first.matches("[A-Za-z_][A-Za-z0-9_]*") || filesGet) {
      next++;
      List<Object> args = new ArrayList<>();
      while (next < tokens.size()
          && !tokens.get(next).equals("|")
          && !tokens.get(next).equals(")")) {
        args.add(operand(scope));
      }
      if (hasPiped) {
        args.add(piped);
      }
      return filesGet ? filesGet(scope, first, args) : call(first, args);
    }
    if (hasPiped) {
      throw error("only a function may follow '|'");
    }
    Object value = operand(scope);
    if (next < tokens.size() && !tokens.get(next).equals("|") && !tokens.get(next).equals(")")) {
      throw error("'" + tokens.get(next) + "' after an operand");
    }
    return value;
  }

  private Object operand(Scope scope) {
    String token = tokens.get(next++);
    if (token.equals("(")) {
      Object value = pipeline(scope);
      if (next >= tokens.size() || !tokens.get(next++).equals(")")) {
        throw error("missing ')'");
      }
      return value;
    }
    if (token.startsWith("\"")) {
      return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if (token.matches("-?[0-9]+")) {
      return Integer.parseInt(token);
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.parseBoolean(token);
    }
    if (token.startsWith(".") || token.startsWith("$")) {
      return reference(scope, token);
    }
    throw error("unsupported operand '" + token + "'");
  }

  /** {@code .a.b}, {@code $}, {@code $x.a}: a field of the dot or of a variable. */
  private Object reference(Scope scope, String token) {
    if (token.startsWith(".")) {
      return fields(scope.dot(), token.equals(".") ? "" : token.substring(1), token);
    }
    int dot = token.indexOf('.');
    String variable = dot < 0 ? token : token.substring(0, dot);
    if (!scope.variables().containsKey(variable)) {
      throw error("undefined variable " + variable);
    }
    return fields(scope.variables().get(variable), dot < 0 ? "" : token.substring(dot + 1), token);
  }

  /** {@code .Files.Get NAME} (or {@code $.Files.Get}): the one method call of Helm we use. */
  private Object filesGet(Scope scope, String token, List<Object> args) {
    requireArgs(token, args, 1);
    if (!(reference(scope, token.substring(0, token.length() - ".Get".length()))
        instanceof ChartFiles files)) {
      throw error(token + " needs the chart's .Files");
    }
    if (!(args.get(0) instanceof String name)) {
      throw error(token + " takes a file name, got " + args.get(0));
    }
    return files.get(name);
  }

  private Object fields(Object value, String path, String whole) {
    if (path.isEmpty()) {
      return value;
    }
    for (String field : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> map) || !map.containsKey(field)) {
        throw error("no value for " + whole + " (missing '" + field + "'; list it in values.yaml)");
      }
      value = map.get(field);
    }
    return value;
  }

  private Object call(String function, List<Object> args) {
    return switch (function) {
      case "quote" -> {
        requireArgs(function, args, 1);
        String text = print(template, args.get(0));
        yield "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
      }
      case "int" -> {
        requireArgs(function, args, 1);
        yield switch (args.get(0)) {
          case Number n -> n.intValue();
          case String s -> Integer.parseInt(s.trim());
          case null, default -> 0;
        };
      }
      case "until" -> {
        requireArgs(function, args, 1);
        if (!(args.get(0) instanceof Integer n)) {
          throw error("until needs an int (use: until (int X)), got " + args.get(0));
        }
        yield IntStream.range(0, n).boxed().toList();
      }
      case "print" -> {
        // Go's fmt.Sprint: a space only between two operands neither of which is a string.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
          if (i > 0 && !(args.get(i - 1) instanceof String) && !(args.get(i) instanceof String)) {
            out.append(' ');
          }
          out.append(print(template, args.get(i)));
        }
        yield out.toString();
      }
      case "not" -> {
        requireArgs(function, args, 1);
        yield !truthy(args.get(0));
      }
      case "default" -> {
        requireArgs(function, args, 2);
        yield truthy(args.get(1)) ? args.get(1) : args.get(0);
      }
      case "toYaml" -> {
        requireArgs(function, args, 1);
        yield Yaml.dump(args.get(0));
      }
      case "indent", "nindent" -> {
        requireArgs(function, args, 2);
        if (!(args.get(0) instanceof Integer spaces) || !(args.get(1) instanceof String text)) {
          throw error(function + " takes a number of spaces and a string, got " + args);
        }
        // Sprig: the pad before the first line and after every newline, blank lines included.
        String pad = " ".repeat(spaces);
        yield (function.equals("nindent") ? "\n" : "") + pad + text.replace("\n", "\n" + pad);
      }
      default -> throw error("function '" + function + "' is not in the supported subset");
    };
  }

  private void requireArgs(String function, List<Object> args, int count) {
    if (args.size() != count) {
      throw error(function + " takes " + count + " argument(s), got " + args.size());
    }
  }

  private String peek() {
    if (next >= tokens.size()) {
      throw error("expression ends too early");
    }
    return tokens.get(next);
  }

  private void tokenize() {
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '|') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '"') {
        int end = i + 1;
        while (end < source.length() && source.charAt(end) != '"') {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= source.length()) {
          throw error("unclosed string");
        }
        tokens.add(source.substring(i, end + 1));
        i = end + 1;
      } else {
        int end = i;
        while (end < source.length()
            && !Character.isWhitespace(source.charAt(end))
            && "()|\"".indexOf(source.charAt(end)) < 0) {
          end++;
        }
        tokens.add(source.substring(i, end));
        i = end;
      }
    }
    if (tokens.isEmpty()) {
      throw error("empty action");
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(template + ": {{ " + source + " }}: " + message);
  }
}
