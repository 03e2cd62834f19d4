package org.polyplex.restream.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.polyplex.platform.web.ApiException;

import org.junit.jupiter.api.Test;

/** The final URL per preset ({@code base + "/" + key}) and the checks of admin input. */
class DestinationUrlsTest {

    private static String publish(Preset p, String override, String key) {
        return DestinationUrls.publishUrl(DestinationUrls.base(p, override), key);
    }

    @Test
    void shouldComposeEachPresetsUrlWithTheKey() {
        assertThat(publish(Preset.YOUTUBE, null, "abcd-1234")).isEqualTo("rtmp://a.rtmp.youtube.com/live2/abcd-1234");
        assertThat(publish(Preset.YOUTUBE_BACKUP, null, "abcd-1234"))
                .isEqualTo("rtmp://b.rtmp.youtube.com/live2?backup=1/abcd-1234");
        assertThat(publish(Preset.TWITCH, null, "live_1_x")).isEqualTo("rtmp://live.twitch.tv/app/live_1_x");
        assertThat(publish(Preset.FACEBOOK, null, "FB-1-0-Ab"))
                .isEqualTo("rtmps://live-api-s.facebook.com:443/rtmp/FB-1-0-Ab");
        assertThat(publish(Preset.KICK, null, "sk_us"))
                .isEqualTo("rtmps://fa723fc1b171.global-contribute.live-video.net/app/sk_us");
        assertThat(publish(Preset.CUSTOM, "rtmp://127.0.0.1:1935/dest/", "k")).isEqualTo("rtmp://127.0.0.1:1935/dest/k");
        assertThat(publish(Preset.CUSTOM, "rtmp://127.0.0.1:1935/dest/k", null)).isEqualTo("rtmp://127.0.0.1:1935/dest/k");
    }

    @Test
    void shouldLetAnOverrideReplaceThePresetsBase() {
        assertThat(publish(Preset.TWITCH, "rtmp://fra05.contribute.live-video.net/app", "k"))
                .isEqualTo("rtmp://fra05.contribute.live-video.net/app/k");
    }

    @Test
    void shouldRequireAUrlForCustom() {
        assertThatThrownBy(() -> DestinationUrls.base(Preset.CUSTOM, " ")).isInstanceOf(ApiException.class)
                .hasMessageContaining("url");
    }

    @Test
    void shouldAcceptRtmpAndRtmpsOnly() {
        assertThat(DestinationUrls.validateBase(" rtmps://h.example/app ")).isEqualTo("rtmps://h.example/app");
        for (String bad : new String[] { "http://h.example/app", "srt://h.example:9000", "rtmp://", "not a url",
                "rtmp://u:p@h.example/app", "rtmp://h.example", "rtmp://h.example/app#x", "file:///etc/passwd" }) {
            assertThatThrownBy(() -> DestinationUrls.validateBase(bad)).as(bad).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
                    .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("url"));
        }
    }

    @Test
    void shouldRefuseKeysWithSpacesOrControlCharacters() {
        assertThat(DestinationUrls.validateKey("live_123_abc?x=1")).isEqualTo("live_123_abc?x=1");
        for (String bad : new String[] { "a b", "a\nb", "/a", "a/", "x".repeat(501) }) {
            assertThatThrownBy(() -> DestinationUrls.validateKey(bad)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("streamKey"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.strip()));
        }
    }
}
