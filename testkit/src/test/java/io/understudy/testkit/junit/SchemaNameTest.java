package io.understudy.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaNameTest {

  @Test
  void namesAreValidUnquotedIdentifiersInsideTheAppSchemas() {
    String name = SchemaLifecycle.uniqueName("Weird-Name With$Chars");
    assertThat(name).matches("app_weird_name_with_chars_\\d+");
  }

  @Test
  void longMethodNamesAreCutToTheIdentifierLimit() {
    String name = SchemaLifecycle.uniqueName("x".repeat(200));
    assertThat(name).hasSizeLessThanOrEqualTo(64).matches("app_x+_\\d+");
  }

  @Test
  void namesAreUnique() {
    assertThat(SchemaLifecycle.uniqueName("same")).isNotEqualTo(SchemaLifecycle.uniqueName("same"));
  }
}
