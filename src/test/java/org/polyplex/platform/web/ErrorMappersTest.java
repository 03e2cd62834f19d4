package org.polyplex.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    @Test
    void fieldNamesDropTheMethodAndParameterPrefix() {
        assertThat(ErrorMappers.leafField("create.input.username")).isEqualTo("username");
        assertThat(ErrorMappers.leafField("update.input.sources[1].url")).isEqualTo("sources[1].url");
        assertThat(ErrorMappers.leafField("create.input")).isEqualTo("body");
        assertThat(ErrorMappers.leafField("name")).isEqualTo("name");
    }
}
