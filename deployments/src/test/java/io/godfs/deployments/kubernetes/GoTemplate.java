package io.godfs.deployments.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Go text/template of the subset our Helm chart may use (listed in the chart's values.yaml):
 * output, pipes, {@code if/else/end}, {@code range [$i :=] PIPE ... end}, variables ({@code $},
 * {@code $i}), whitespace trimming and comments. Anything else is refused with an exception, so a
 * template that real helm would render differently cannot pass the tests quietly.
 */
final class GoTemplate {
  private sealed interface Node {}

  private record Text(String text) implements Node {}

  private record Output(String pipeline) implements Node {}

  private record If(String condition, List<Node> then, List<Node> otherwise) implements Node {}

  private record Range(String variable, String pipeline, List<Node> body) implements Node {}

  /** A piece of the template: text, or the inside of one {{ }} action. */
  private record Token(boolean action, String text) {}

  private final String name;
  private final List<Node> nodes;

  private GoTemplate(String name, List<Node> nodes) {
    this.name = name;
    this.nodes = nodes;
  }

  static GoTemplate parse(String name, String source) {
    List<Token> tokens = tokenize(name, source);
    int[] position = {0};
    List<Node> nodes = parseNodes(name, tokens, position, Set.of());
    if (position[0] != tokens.size()) {
      throw new IllegalArgumentException(
          name + ": unexpected {{ " + tokens.get(position[0]).text() + " }}");
    }
    return new GoTemplate(name, nodes);
  }

  /** Executes the template with {@code root} as both {@code .} and {@code $}. */
  String execute(Map<String, Object> root) {
    StringBuilder out = new StringBuilder();
    Map<String, Object> variables = new HashMap<>();
    variables.put("$", root);
    execute(nodes, new TemplateExpression.Scope(root, variables), out);
    return out.toString();
  }

  private void execute(List<Node> body, TemplateExpression.Scope scope, StringBuilder out) {
    for (Node node : body) {
      switch (node) {
        case Text t -> out.append(t.text());
        case Output o -> out.append(TemplateExpression.print(name, evaluate(o.pipeline(), scope)));
        case If i ->
            execute(
                TemplateExpression.truthy(evaluate(i.condition(), scope))
                    ? i.then()
                    : i.otherwise(),
                scope,
                out);
        case Range r -> {
          if (!(evaluate(r.pipeline(), scope) instanceof List<?> items)) {
            throw new IllegalArgumentException(
                name + ": range over something other than a list: " + r.pipeline());
          }
          for (Object item : items) {
            Map<String, Object> variables = new HashMap<>(scope.variables());
            if (r.variable() != null) {
              variables.put(r.variable(), item);
            }
            execute(r.body(), new TemplateExpression.Scope(item, variables), out);
          }
        }
      }
    }
  }

  private Object evaluate(String pipeline, TemplateExpression.Scope scope) {
    return new TemplateExpression(name, pipeline).evaluate(scope);
  }

  private static List<Node> parseNodes(
      String name, List<Token> tokens, int[] position, Set<String> terminators) {
    List<Node> nodes = new ArrayList<>();
    while (position[0] < tokens.size()) {
      Token token = tokens.get(position[0]);
      if (!token.action()) {
        nodes.add(new Text(token.text()));
        position[0]++;
        continue;
      }
      String action = token.text();
      String keyword = action.split("\\s+", 2)[0];
      if (terminators.contains(keyword)) {
        return nodes;
      }
      position[0]++;
      switch (keyword) {
        case "if" -> {
          String condition = action.substring(2).trim();
          List<Node> then = parseNodes(name, tokens, position, Set.of("else", "end"));
          List<Node> otherwise = List.of();
          if (closing(name, tokens, position).equals("else")) {
            otherwise = parseNodes(name, tokens, position, Set.of("end"));
            closing(name, tokens, position);
          }
          nodes.add(new If(condition, then, otherwise));
        }
        case "range" -> {
          String header = action.substring(5).trim();
          String variable = null;
          int assign = header.indexOf(":=");
          if (assign >= 0) {
            variable = header.substring(0, assign).trim();
            if (!variable.matches("\\$[A-Za-z_][A-Za-z0-9_]*")) {
              throw new IllegalArgumentException(
                  name + ": only 'range $x := ...' is supported, not: " + action);
            }
            header = header.substring(assign + 2).trim();
          }
          List<Node> body = parseNodes(name, tokens, position, Set.of("end"));
          if (!closing(name, tokens, position).equals("end")) {
            throw new IllegalArgumentException(name + ": range without end");
          }
          nodes.add(new Range(variable, header, body));
        }
        case "else", "end" ->
            throw new IllegalArgumentException(name + ": {{ " + action + " }} without if/range");
        case "define", "template", "block", "with", "include", "tpl", "break", "continue" ->
            throw new IllegalArgumentException(
                name + ": not in the supported subset: {{ " + action + " }}");
        default -> nodes.add(new Output(action));
      }
    }
    if (!terminators.isEmpty()) {
      throw new IllegalArgumentException(name + ": missing {{ end }}");
    }
    return nodes;
  }

  /** Consumes the {{ else }} or {{ end }} that stopped a block; "else if" is not supported. */
  private static String closing(String name, List<Token> tokens, int[] position) {
    if (position[0] >= tokens.size()) {
      throw new IllegalArgumentException(name + ": missing {{ end }}");
    }
    String action = tokens.get(position[0]++).text();
    if (!action.equals("else") && !action.equals("end")) {
      throw new IllegalArgumentException(
          name + ": not in the supported subset: {{ " + action + " }}");
    }
    return action;
  }

  private static List<Token> tokenize(String name, String source) {
    List<Token> tokens = new ArrayList<>();
    int at = 0;
    boolean trimNext = false;
    while (at < source.length()) {
      int open = source.indexOf("{{", at);
      String text = source.substring(at, open < 0 ? source.length() : open);
      if (trimNext) {
        text = text.stripLeading();
      }
      if (open < 0) {
        addText(tokens, text);
        break;
      }
      int close = source.indexOf("}}", open);
      if (close < 0) {
        throw new IllegalArgumentException(name + ": unclosed {{ at offset " + open);
      }
      String inside = source.substring(open + 2, close);
      if (inside.startsWith("- ") || inside.startsWith("-\n")) {
        text = text.stripTrailing();
        inside = inside.substring(1);
      }
      trimNext = inside.endsWith(" -") || inside.endsWith("\n-");
      if (trimNext) {
        inside = inside.substring(0, inside.length() - 1);
      }
      addText(tokens, text);
      inside = inside.trim();
      if (inside.startsWith("/*")) {
        if (!inside.endsWith("*/")) {
          throw new IllegalArgumentException(name + ": unclosed comment at offset " + open);
        }
      } else {
        tokens.add(new Token(true, inside));
      }
      at = close + 2;
    }
    return tokens;
  }

  private static void addText(List<Token> tokens, String text) {
    if (!text.isEmpty()) {
      tokens.add(new Token(false, text));
    }
  }
}
