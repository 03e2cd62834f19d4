package org.polyplex.console.sources;

import org.polyplex.console.web.FormErrors;
import org.polyplex.epg.EpgSourceInput;
import org.polyplex.epg.model.EpgSource;

import io.quarkus.qute.TemplateData;

/** The guide (XMLTV) source form as posted, fields named as in {@code /api/epg-sources}. */
@TemplateData
public record GuideForm(String url, boolean enabled, String intervalMinutes, String offsetMinutes) {

    static GuideForm blank() {
        return new GuideForm("", true, "720", "0");
    }

    static GuideForm of(EpgSource source) {
        return new GuideForm(source.url, source.enabled, Numbers.text(source.intervalMinutes),
                Numbers.text(source.offsetMinutes));
    }

    /** The API input, or null with the reasons in {@code errors}. */
    EpgSourceInput toInput(FormErrors errors) {
        Integer interval = Numbers.integer("intervalMinutes", intervalMinutes, errors);
        Integer offset = Numbers.integer("offsetMinutes", offsetMinutes, errors);
        if (errors.any()) {
            return null;
        }
        return new EpgSourceInput(url == null ? "" : url.strip(), enabled, interval, offset);
    }
}
