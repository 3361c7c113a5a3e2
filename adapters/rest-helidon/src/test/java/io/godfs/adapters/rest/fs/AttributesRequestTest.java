package io.godfs.adapters.rest.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.adapters.rest.http.ApiException;
import io.godfs.domain.file.AttributeChange;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The body of PATCH /v1/fs/attributes: each field, each refusal naming the field. */
class AttributesRequestTest {
  private final ObjectMapper json = new ObjectMapper();

  private AttributeChange parse(String body) throws Exception {
    return AttributesRequest.parse(json.readTree(body));
  }

  private ApiException refused(String body) throws Exception {
    JsonNode tree = json.readTree(body);
    ApiException e = catchThrowableOfType(ApiException.class, () -> AttributesRequest.parse(tree));
    assertThat(e).as(body).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_argument");
    return e;
  }

  @Test
  void everyFieldIsOptional() throws Exception {
    assertThat(parse("{}").isEmpty()).isTrue();
    assertThat(parse("{\"mode\":null,\"owner\":null}").isEmpty()).isTrue();
    assertThat(parse("{\"owner\":1000}"))
        .isEqualTo(AttributeChange.owner(OptionalInt.of(1000), OptionalInt.empty()));
    assertThat(parse("{\"group\":0}"))
        .isEqualTo(AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(0)));
  }

  @Test
  void modeIsOctalTextOrItsIntegerValue() throws Exception {
    assertThat(parse("{\"mode\":\"0750\"}")).isEqualTo(AttributeChange.mode(0750));
    assertThat(parse("{\"mode\":\"750\"}")).isEqualTo(AttributeChange.mode(0750));
    assertThat(parse("{\"mode\":\"4755\"}")).isEqualTo(AttributeChange.mode(04755));
    assertThat(parse("{\"mode\":\"7777\"}")).isEqualTo(AttributeChange.mode(07777));
    assertThat(parse("{\"mode\":488}")).isEqualTo(AttributeChange.mode(0750));
    assertThat(parse("{\"mode\":0}")).isEqualTo(AttributeChange.mode(0));
  }

  @Test
  void aBadModeIsNamed() throws Exception {
    for (String bad :
        new String[] {
          "\"0999\"", "\"17777\"", "\"rwx\"", "\"\"", "4096", "-1", "1.5", "true", "[]"
        }) {
      assertThat(refused("{\"mode\":" + bad + "}").getMessage())
          .as(bad)
          .startsWith("mode : ")
          .contains("octal text like \"0750\"");
    }
    assertThat(refused("{\"mode\":\"0999\"}").getMessage()).startsWith("mode : \"0999\" (expected");
  }

  @Test
  void idsAreNonNegativeIntegers() throws Exception {
    assertThat(refused("{\"owner\":-1}").getMessage()).startsWith("owner : -1 (expected: a uid");
    assertThat(refused("{\"group\":\"staff\"}").getMessage())
        .startsWith("group : \"staff\" (expected: a gid");
    assertThat(refused("{\"owner\":4294967296}").getMessage()).startsWith("owner : 4294967296");
  }

  @Test
  void timesAreRfc3339ToTheNanosecondOrNow() throws Exception {
    AttributeChange change =
        parse(
            "{\"accessed\":\"1969-12-31T23:59:59.123456789Z\","
                + "\"modified\":\"2026-01-02T04:04:05.000000001+01:00\"}");
    assertThat(change.accessed())
        .isEqualTo(new AttributeChange.At(Instant.parse("1969-12-31T23:59:59.123456789Z")));
    assertThat(change.modified())
        .isEqualTo(new AttributeChange.At(Instant.parse("2026-01-02T03:04:05.000000001Z")));
    assertThat(parse("{\"modified\":\"now\"}").modified())
        .isEqualTo(AttributeChange.TimeChange.NOW);
    assertThat(parse("{\"accessed\":\"NOW\"}").accessed())
        .isEqualTo(AttributeChange.TimeChange.NOW);
    assertThat(parse("{\"accessed\":\"2026-01-02t03:04:05z\"}").accessed())
        .isEqualTo(new AttributeChange.At(Instant.parse("2026-01-02T03:04:05Z")));
    assertThat(parse("{\"mode\":\"0600\"}").modified()).isEqualTo(AttributeChange.TimeChange.KEEP);
  }

  @Test
  void aBadTimeIsNamed() throws Exception {
    assertThat(refused("{\"accessed\":\"yesterday\"}").getMessage())
        .startsWith("accessed : \"yesterday\" (expected: an RFC 3339 time");
    assertThat(refused("{\"modified\":\"2026-01-02T03:04:05\"}").getMessage())
        .as("no offset")
        .startsWith("modified : \"2026-01-02T03:04:05\"");
    assertThat(refused("{\"modified\":1767323045}").getMessage())
        .startsWith("modified : 1767323045");
  }

  @Test
  void anUnknownFieldIsNamed() throws Exception {
    assertThat(refused("{\"mode\":\"0644\",\"colour\":\"blue\"}").getMessage())
        .isEqualTo(
            "unknown field \"colour\" (expected: any of mode, owner, group, accessed, modified)");
    assertThat(refused("{\"uid\":1}").getMessage()).contains("\"uid\"");
  }

  @Test
  void theBodyMustBeAnObject() throws Exception {
    assertThat(refused("[1]").getMessage()).startsWith("the body : an array (expected: a JSON");
    assertThat(refused("\"0644\"").getMessage()).startsWith("the body : \"0644\"");
    assertThat(refused("null").getMessage()).startsWith("the body : null");
  }
}
