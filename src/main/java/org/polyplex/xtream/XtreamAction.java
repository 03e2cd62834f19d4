package org.polyplex.xtream;

import java.util.Locale;

/** The {@code action=} values of {@code player_api.php}; anything else answers account info. */
enum XtreamAction {
    ACCOUNT_INFO,
    GET_ACCOUNT_INFO,
    GET_PROFILE,
    GET_SERVER_INFO,
    GET_LIVE_CATEGORIES,
    GET_VOD_CATEGORIES,
    GET_SERIES_CATEGORIES,
    GET_LIVE_STREAMS,
    GET_VOD_STREAMS,
    GET_VOD_INFO,
    GET_SERIES,
    GET_SERIES_INFO,
    GET_SHORT_EPG,
    GET_SIMPLE_DATA_TABLE;

    /** Missing, empty and unknown actions are all {@link #ACCOUNT_INFO}, as on real panels. */
    static XtreamAction parse(String action) {
        if (action == null || action.isBlank() || action.length() > 40) {
            return ACCOUNT_INFO;
        }
        try {
            XtreamAction parsed = valueOf(action.strip().toUpperCase(Locale.ROOT));
            return parsed;
        } catch (IllegalArgumentException e) {
            return ACCOUNT_INFO;
        }
    }
}
