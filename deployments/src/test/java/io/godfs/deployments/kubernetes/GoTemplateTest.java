package io.godfs.deployments.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart renderer does what helm does for the subset, and refuses the rest. */
class GoTemplateTest {
  private static final Map<String, Object> ROOT =
      Map.of(
          "Values",
          Map.of(
              "n",
              3,
              "name",
              "a \"b\"",
              "empty",
              "",
              "on",
              true,
              "text",
              "x: 1\n\ny: 2",
              "labels",
              new TreeMap<>(Map.of("a", "x", "b", "1"))),
          "Release",
          Map.of("Name", "rel"));

  private static String render(String template) {
    return GoTemplate.parse("t", template).execute(ROOT);
  }

  @Test
  void printsValuesPipesAndQuotes() {
    assertThat(
            render(
                "x: {{ .Values.n }} {{ .Release.Name }}-m {{ .Values.name | quote }} {{ quote .Values.n }}"))
        .isEqualTo("x: 3 rel-m \"a \\\"b\\\"\" \"3\"");
  }

  @Test
  void rangesOverUntilWithTheRootAsDollar() {
    assertThat(
            render(
                "{{ range $i := until (int .Values.n) }}{{ if $i }},{{ end }}{{ $.Release.Name }}-{{ $i }}{{ end }}"))
        .isEqualTo("rel-0,rel-1,rel-2");
  }

  @Test
  void ifElseAndWhitespaceTrimming() {
    assertThat(render("a:\n  {{- if .Values.empty }}\n  yes{{ else }}\n  no\n  {{- end }}\nb"))
        .isEqualTo("a:\n  no\nb");
    assertThat(render("{{- /* why */ -}}\n  {{ if .Values.on }}on{{ end }}")).isEqualTo("on");
  }

  @Test
  void refusesWhatIsNotInTheSubset() {
    assertThatThrownBy(() -> render("{{ include \"x\" . }}"))
        .hasMessageContaining("not in the supported subset");
    assertThatThrownBy(() -> render("{{ printf \"%s\" .Values.n }}"))
        .hasMessageContaining("'printf' is not in the supported subset");
    assertThatThrownBy(() -> render("{{ with .Values }}{{ end }}"))
        .hasMessageContaining("not in the supported subset");
    assertThatThrownBy(() -> render("{{ if .Values.on }}a{{ else if .Values.n }}b{{ end }}"))
        .hasMessageContaining("not in the supported subset");
    assertThatThrownBy(() -> render("{{ .Values }}")).hasMessageContaining("toYaml");
  }

  @Test
  void defaultPrintAndNotAsInSprigAndGo() {
    assertThat(render("{{ .Values.empty | default (print .Release.Name \"-tls\") }}"))
        .isEqualTo("rel-tls");
    assertThat(render("{{ .Values.name | default \"x\" }}")).isEqualTo("a \"b\"");
    assertThat(render("{{ print .Values.n 4 \"s\" 5 }}"))
        .as("Go: spaces between non-strings")
        .isEqualTo("3 4s5");
    assertThat(render("{{ if not .Values.empty }}none{{ end }}{{ if not .Values.on }}x{{ end }}"))
        .isEqualTo("none");
  }

  @Test
  void toYamlIndentAndNindentAsInHelm() {
    assertThat(render("labels:{{ toYaml .Values.labels | nindent 2 }}"))
        .isEqualTo("labels:\n  a: x\n  b: '1'");
    assertThat(render("spec:\n{{ .Values.text | indent 2 }}"))
        .as("every line padded, blank ones too")
        .isEqualTo("spec:\n  x: 1\n  \n  y: 2");
  }

  @Test
  void filesGetReadsAFileOfTheChartAndRefusesAMissingOne(@TempDir Path chart) throws Exception {
    Files.createDirectories(chart.resolve("files"));
    Files.writeString(chart.resolve("files/a.yaml"), "a: {{ not templated }}\n");
    Map<String, Object> root = Map.of("Files", new ChartFiles(chart));
    assertThat(GoTemplate.parse("t", "{{ .Files.Get \"files/a.yaml\" }}").execute(root))
        .isEqualTo("a: {{ not templated }}\n");
    assertThatThrownBy(
            () -> GoTemplate.parse("t", "{{ .Files.Get \"files/b.yaml\" }}").execute(root))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> GoTemplate.parse("t", "{{ .Files.Get \"../x\" }}").execute(root))
        .hasMessageContaining("outside the chart");
  }

  @Test
  void aMissingValueIsAnErrorNotAnEmptyString() {
    assertThatThrownBy(() -> render("{{ .Values.nope }}")).hasMessageContaining("missing 'nope'");
    assertThatThrownBy(() -> render("{{ if .Values.on }}"))
        .hasMessageContaining("missing {{ end }}");
  }
}
