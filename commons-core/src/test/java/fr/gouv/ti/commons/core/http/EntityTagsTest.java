package fr.gouv.ti.commons.core.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTest {

    @Test
    void equalContentHasEqualTagsAndOtherContentAnother() {
        assertThat(EntityTags.ofContent("{\"a\":1}")).isEqualTo(EntityTags.ofContent("{\"a\":1}"))
                .isNotEqualTo(EntityTags.ofContent("{\"a\":2}")).startsWith("\"").endsWith("\"");
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndStar() {
        assertThat(EntityTags.noneMatchFails("\"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchFails("W/\"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchFails("\"1\", \"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchFails("*", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchFails("\"2\"", "\"3\"")).isFalse();
        assertThat(EntityTags.noneMatchFails(null, "\"3\"")).isFalse();
    }

    @Test
    void ifMatchComparesStronglySoAWeakTagNeverAuthorisesAWrite() {
        assertThat(EntityTags.matches("\"3\"", "\"3\"", false)).isTrue();
        assertThat(EntityTags.matches("W/\"3\"", "\"3\"", false)).isFalse();
        assertThat(EntityTags.matches("\"2\",\"3\"", "\"3\"", false)).isTrue();
    }
}
