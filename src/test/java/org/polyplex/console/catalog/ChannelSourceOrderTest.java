package org.polyplex.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelSourceOrderTest {

    @Test
    void shouldAcceptAnOrderThatNamesEachSourceOnce() {
        assertThat(ChannelSourcesResource.permutation("2,0,1", 3)).containsExactly(2, 0, 1);
        assertThat(ChannelSourcesResource.permutation("0", 1)).containsExactly(0);
    }

    @Test
    void shouldRefuseAnOrderThatRepeatsMissesOrInventsASource() {
        assertThat(ChannelSourcesResource.permutation("0,0,1", 3)).isNull();
        assertThat(ChannelSourcesResource.permutation("0,1", 3)).isNull();
        assertThat(ChannelSourcesResource.permutation("0,1,3", 3)).isNull();
        assertThat(ChannelSourcesResource.permutation("-1,0", 2)).isNull();
        assertThat(ChannelSourcesResource.permutation("", 0)).isNull();
        assertThat(ChannelSourcesResource.permutation(null, 2)).isNull();
    }

    @Test
    void shouldGoBackOnlyToAChannelListOfThisConsole() {
        assertThat(ChannelBulkResource.listUrl("/console/channels?q=Arena+1&state=enabled&page=2"))
                .isEqualTo("/console/channels?q=Arena+1&state=enabled&page=2");
        assertThat(ChannelBulkResource.listUrl("https://evil.example/console/channels?")).isEqualTo("/console/channels?page=0");
        assertThat(ChannelBulkResource.listUrl("/console/channels?x=1\r\nSet-Cookie:a")).isEqualTo("/console/channels?page=0");
        assertThat(ChannelBulkResource.listUrl("//evil.example/")).isEqualTo("/console/channels?page=0");
        assertThat(ChannelBulkResource.listUrl(null)).isEqualTo("/console/channels?page=0");
    }
}
