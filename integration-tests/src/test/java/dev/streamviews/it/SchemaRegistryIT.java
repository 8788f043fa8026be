package dev.streamviews.it;

import static dev.streamviews.it.RegistryCalls.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.infra.cluster.LocalCluster;
import dev.streamviews.it.RegistryCalls.Answer;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every endpoint and error code of the registry, over HTTP, against the real local cluster. */
@ExtendWith(LocalClusterExtension.class)
class SchemaRegistryIT {
  private static final String V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
  private static final String V2_OPTIONAL_B =
      record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");
  private static final String V2_REQUIRED_B =
      record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}");
  private static final String V2_A_AS_INT = record("{\"name\":\"a\",\"type\":\"int\"}");

  private final LocalCluster cluster;
  private final RegistryCalls registry;

  SchemaRegistryIT(LocalCluster cluster) {
    this.cluster = cluster;
    this.registry = new RegistryCalls(cluster.schemaRegistryUrl());
  }

  @Test
  void registeringTheSameSchemaTwiceReturnsTheSameIdInEverySubject() {
    String subject = newSubject();
    String other = newSubject();

    int first = registry.post("/subjects/" + subject + "/versions", schemaBody(V1)).body().path("id").asInt();
    int again = registry.post("/subjects/" + subject + "/versions", schemaBody(V1)).body().path("id").asInt();
    int elsewhere = registry.post("/subjects/" + other + "/versions", schemaBody(V1)).body().path("id").asInt();

    assertThat(first).isPositive();
    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isEqualTo(first);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).hasSize(1);
  }

  @Test
  void looksUpASchemaUnderASubject() {
    String subject = newSubject();
    int id = register(subject, V1);

    Answer found = registry.post("/subjects/" + subject, schemaBody(V1));
    Answer notThere = registry.post("/subjects/" + subject, schemaBody(V2_OPTIONAL_B));
    Answer noSubject = registry.post("/subjects/" + newSubject(), schemaBody(V1));

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().path("id").asInt()).isEqualTo(id);
    assertThat(found.body().path("version").asInt()).isEqualTo(1);
    assertThat(found.body().path("subject").asText()).isEqualTo(subject);
    assertThat(notThere.errorCode()).isEqualTo(40403);
    assertThat(noSubject.errorCode()).isEqualTo(40401);
    assertThat(noSubject.status()).isEqualTo(404);
  }

  @Test
  void getsASchemaById() {
    int id = register(newSubject(), V1);

    Answer found = registry.get("/schemas/ids/" + id);
    Answer missing = registry.get("/schemas/ids/987654");

    assertThat(new Schema.Parser().parse(found.body().path("schema").asText()))
        .isEqualTo(new Schema.Parser().parse(V1));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo(40403);
  }

  @Test
  void listsSubjectsAndVersionsAndGetsAVersionOrTheLatest() {
    String subject = newSubject();
    register(subject, V1);
    int secondId = register(subject, V2_OPTIONAL_B);

    assertThat(registry.get("/subjects").body().toString()).contains("\"" + subject + "\"");
    assertThat(registry.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[1,2]");
    assertThat(registry.get("/subjects/" + subject + "/versions/latest").body().path("id").asInt()).isEqualTo(secondId);
    assertThat(registry.get("/subjects/" + subject + "/versions/-1").body().path("version").asInt()).isEqualTo(2);
    assertThat(registry.get("/subjects/" + subject + "/versions/1").body().path("version").asInt()).isEqualTo(1);
    assertThat(registry.get("/subjects/" + subject + "/versions/2/schema").body().path("fields")).hasSize(2);
  }

  @Test
  void answersConfluentsErrorCodesForMissingSubjectsVersionsAndInvalidVersions() {
    String subject = newSubject();
    register(subject, V1);

    Answer noSubject = registry.get("/subjects/" + newSubject() + "/versions");
    Answer noVersion = registry.get("/subjects/" + subject + "/versions/7");
    Answer notANumber = registry.get("/subjects/" + subject + "/versions/abc");
    Answer zero = registry.get("/subjects/" + subject + "/versions/0");

    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.errorCode()).isEqualTo(40401);
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.errorCode()).isEqualTo(40402);
    assertThat(notANumber.status()).isEqualTo(422);
    assertThat(notANumber.errorCode()).isEqualTo(42202);
    assertThat(zero.errorCode()).isEqualTo(42202);
    assertThat(noSubject.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
  }

  @Test
  void refusesAnInvalidSchemaWith42201() {
    Answer answer = registry.post("/subjects/" + newSubject() + "/versions", schemaBody("{\"type\":\"record\",\"name\":"));
    Answer unknownType = registry.post("/subjects/" + newSubject() + "/versions", schemaBody("{\"type\":\"decimal128\"}"));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorCode()).isEqualTo(42201);
    assertThat(unknownType.errorCode()).isEqualTo(42201);
  }

  @Test
  void softDeletesVersionsAndSubjectsAndDeletesPermanentlyOnlyAfterwards() {
    String subject = newSubject();
    int id = register(subject, V1);
    register(subject, V2_OPTIONAL_B);

    assertThat(registry.delete("/subjects/" + subject + "/versions/1").body().asInt()).isEqualTo(1);
    assertThat(registry.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[2]");
    assertThat(registry.get("/subjects/" + subject + "/versions?deleted=true").body().toString()).isEqualTo("[1,2]");
    assertThat(registry.get("/schemas/ids/" + id).status()).as("a soft-deleted schema still resolves by id").isEqualTo(200);

    Answer hardTooEarly = registry.delete("/subjects/" + subject + "?permanent=true");
    assertThat(hardTooEarly.errorCode()).isEqualTo(40405);

    assertThat(registry.delete("/subjects/" + subject).body().toString()).isEqualTo("[2]");
    assertThat(registry.get("/subjects").body().toString()).doesNotContain("\"" + subject + "\"");
    assertThat(registry.get("/subjects?deleted=true").body().toString()).contains("\"" + subject + "\"");
    assertThat(registry.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);

    assertThat(registry.delete("/subjects/" + subject + "?permanent=true").body().toString()).isEqualTo("[1,2]");
    assertThat(registry.get("/subjects?deleted=true").body().toString()).doesNotContain("\"" + subject + "\"");
  }

  @Test
  void backwardIsTheDefaultAndRefusesARequiredFieldWith409() {
    String subject = newSubject();
    register(subject, V1);

    Answer refused = registry.post("/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED_B));
    Answer accepted = registry.post("/subjects/" + subject + "/versions", schemaBody(V2_OPTIONAL_B));

    assertThat(registry.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo(40901);
    assertThat(accepted.status()).isEqualTo(200);
  }

  @Test
  void eachSubjectLevelAcceptsAndRefusesWhatItShould() {
    assertThat(registersAfterV1("FORWARD", V2_REQUIRED_B)).isTrue();
    assertThat(registersAfterV1("FORWARD", record("{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}"))).isFalse();
    assertThat(registersAfterV1("FULL", V2_OPTIONAL_B)).isTrue();
    assertThat(registersAfterV1("FULL", V2_REQUIRED_B)).isFalse();
    assertThat(registersAfterV1("NONE", V2_A_AS_INT)).isTrue();
    assertThat(registersAfterV1("BACKWARD", V2_A_AS_INT)).isFalse();
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersion() {
    String withoutA = record("");
    String aBackAsInt = record("{\"name\":\"a\",\"type\":\"int\",\"default\":0}");
    String backward = newSubject();
    String transitive = newSubject();
    registry.put("/config/" + transitive, Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    for (String subject : new String[] {backward, transitive}) {
      register(subject, V1);
      register(subject, withoutA);
    }

    assertThat(registry.post("/subjects/" + backward + "/versions", schemaBody(aBackAsInt)).status()).isEqualTo(200);
    assertThat(registry.post("/subjects/" + transitive + "/versions", schemaBody(aBackAsInt)).errorCode()).isEqualTo(40901);
  }

  @Test
  void testsCompatibilityWithoutRegistering() {
    String subject = newSubject();
    register(subject, V1);

    Answer good = registry.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(V2_OPTIONAL_B));
    Answer bad = registry.post("/compatibility/subjects/" + subject + "/versions/1?verbose=true", schemaBody(V2_A_AS_INT));
    Answer againstAll = registry.post("/compatibility/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED_B));
    Answer noVersion = registry.post("/compatibility/subjects/" + subject + "/versions/9", schemaBody(V1));

    assertThat(good.body().path("is_compatible").asBoolean()).isTrue();
    assertThat(bad.body().path("is_compatible").asBoolean()).isFalse();
    assertThat(bad.body().path("messages").toString()).contains("TYPE_MISMATCH");
    assertThat(againstAll.body().path("is_compatible").asBoolean()).isFalse();
    assertThat(noVersion.errorCode()).isEqualTo(40402);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).hasSize(1);
  }

  @Test
  void getsSetsAndRemovesCompatibilityLevels() {
    String subject = newSubject();

    Answer unset = registry.get("/config/" + subject);
    Answer fallback = registry.get("/config/" + subject + "?defaultToGlobal=true");
    Answer set = registry.put("/config/" + subject, Map.of("compatibility", "FULL_TRANSITIVE"));
    Answer read = registry.get("/config/" + subject);
    Answer invalid = registry.put("/config/" + subject, Map.of("compatibility", "SIDEWAYS"));
    Answer removed = registry.delete("/config/" + subject);

    assertThat(unset.errorCode()).isEqualTo(40408);
    assertThat(fallback.body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(set.body().path("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
    assertThat(read.body().path("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42203);
    assertThat(removed.body().path("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
    assertThat(registry.get("/config/" + subject).errorCode()).isEqualTo(40408);
  }

  @Test
  void setsTheGlobalLevel() {
    try {
      assertThat(registry.put("/config", Map.of("compatibility", "FULL")).body().path("compatibility").asText())
          .isEqualTo("FULL");
      assertThat(registry.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("FULL");
    } finally {
      registry.put("/config", Map.of("compatibility", "BACKWARD"));
    }
  }

  @Test
  void keepsEveryIdAcrossARestart() {
    String subject = newSubject();
    int v1 = register(subject, V1);
    int v2 = register(subject, V2_OPTIONAL_B);
    registry.put("/config/" + subject, Map.of("compatibility", "FORWARD"));

    cluster.restartRegistry();

    assertThat(registry.get("/schemas/ids/" + v1).status()).isEqualTo(200);
    assertThat(register(subject, V2_OPTIONAL_B)).isEqualTo(v2);
    assertThat(registry.get("/config/" + subject).body().path("compatibilityLevel").asText()).isEqualTo("FORWARD");
    int fresh = register(newSubject(), record("{\"name\":\"fresh" + UUID.randomUUID().toString().replace("-", "") + "\",\"type\":\"long\"}"));
    assertThat(fresh).as("a new schema after the restart gets an id never used before").isGreaterThan(v2);
  }

  private boolean registersAfterV1(String level, String next) {
    String subject = newSubject();
    registry.put("/config/" + subject, Map.of("compatibility", level));
    register(subject, V1);
    Answer answer = registry.post("/subjects/" + subject + "/versions", schemaBody(next));
    if (answer.status() == 409) {
      assertThat(answer.errorCode()).isEqualTo(40901);
      return false;
    }
    assertThat(answer.status()).isEqualTo(200);
    return true;
  }

  private int register(String subject, String schema) {
    Answer answer = registry.post("/subjects/" + subject + "/versions", schemaBody(schema));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return answer.body().path("id").asInt();
  }

  private static String newSubject() {
    return "it-" + UUID.randomUUID() + "-value";
  }

  private static String record(String fields) {
    return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}";
  }
}
