package io.godfs.deployments.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart renderer does what helm does for the subset, and refuses the rest. */
class GoTemplateTest {
  private static final Map<String, Object> ROOT =
      Map.of(
          "Values", Map.of("n", 3, "name", "a \"b\"", "empty", "", "on", true),
          "Release", Map.of("Name", "rel"));

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
    assertThatThrownBy(() -> render("{{ toYaml .Values }}")).hasMessageContaining("toYaml");
    assertThatThrownBy(() -> render("{{ with .Values }}{{ end }}"))
        .hasMessageContaining("not in the supported subset");
    assertThatThrownBy(() -> render("{{ if .Values.on }}a{{ else if .Values.n }}b{{ end }}"))
        .hasMessageContaining("not in the supported subset");
    assertThatThrownBy(() -> render("{{ .Values }}")).hasMessageContaining("toYaml");
  }

  @Test
  void aMissingValueIsAnErrorNotAnEmptyString() {
    assertThatThrownBy(() -> render("{{ .Values.nope }}")).hasMessageContaining("missing 'nope'");
    assertThatThrownBy(() -> render("{{ if .Values.on }}"))
        .hasMessageContaining("missing {{ end }}");
  }
}
