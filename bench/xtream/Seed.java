import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Bench-only seeding: writes the benchmark catalog straight into the running app's H2 file
 * (opened with AUTO_SERVER=TRUE) in JDBC batches, far faster than 72,000 admin API calls that
 * would each rebuild the catalog snapshot. Ids start at 1,000,000, clear of the app's sequences.
 * Usage: java -cp h2.jar Seed.java JDBC_URL LIVE MOVIES SERIES
 */
public class Seed {

    static final long BASE = 1_000_000;
    static final Timestamp NOW = Timestamp.from(Instant.now());

    public static void main(String[] args) throws SQLException {
        int live = Integer.parseInt(args[1]);
        int movies = Integer.parseInt(args[2]);
        int series = Integer.parseInt(args[3]);
        try (Connection db = DriverManager.getConnection(args[0], "polyplex", "polyplex")) {
            db.setAutoCommit(false);
            categories(db);
            channels(db, live);
            movies(db, movies);
            series(db, series);
            db.commit();
        }
        System.out.printf("seeded %d live channels, %d movies, %d series (%d episodes)%n", live, movies, series,
                series * 10);
    }

    static void categories(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "insert into categories (id, name, kind, sort_order, created_at) values (?, ?, ?, ?, ?)")) {
            String[] kinds = { "live", "movie", "series" };
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < 100; i++) {
                    st.setLong(1, BASE + k * 1000 + i);
                    st.setString(2, kinds[k] + " category " + i);
                    st.setString(3, kinds[k]);
                    st.setInt(4, i);
                    st.setTimestamp(5, NOW);
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    static void channels(Connection db, int count) throws SQLException {
        try (PreparedStatement ch = db.prepareStatement("insert into channels (id, number, name, logo_url, epg_id, "
                + "category_id, enabled, created_at, updated_at) values (?, ?, ?, ?, ?, ?, true, ?, ?)");
                PreparedStatement src = db.prepareStatement(
                        "insert into channel_sources (id, channel_id, url, priority) values (?, ?, ?, 0)")) {
            for (int i = 0; i < count; i++) {
                long id = BASE + i;
                ch.setLong(1, id);
                ch.setInt(2, i + 1);
                ch.setString(3, "Channel " + i + " HD");
                ch.setString(4, "http://logos.example/channel-" + i + ".png");
                ch.setString(5, "channel" + i + ".example");
                ch.setLong(6, BASE + i % 100);
                ch.setTimestamp(7, NOW);
                ch.setTimestamp(8, NOW);
                ch.addBatch();
                src.setLong(1, id);
                src.setLong(2, id);
                src.setString(3, "http://upstream.example/live/" + i + ".ts");
                src.addBatch();
                if (i % 1000 == 999) {
                    ch.executeBatch();
                    src.executeBatch();
                }
            }
            ch.executeBatch();
            src.executeBatch();
        }
    }

    static void movies(Connection db, int count) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("insert into movies (id, name, category_id, source_url, "
                + "container_extension, poster_url, plot, cast_names, director, genre, release_date, "
                + "duration_seconds, rating, tmdb_id, enabled, created_at) "
                + "values (?, ?, ?, ?, 'mp4', ?, ?, 'Actor A, Actor B', 'Director', 'Drama', ?, 5400, 7.5, ?, true, ?)")) {
            for (int i = 0; i < count; i++) {
                st.setLong(1, BASE + i);
                st.setString(2, "Movie " + i);
                st.setLong(3, BASE + 1000 + i % 100);
                st.setString(4, "http://files.example/movies/" + i + ".mp4");
                st.setString(5, "http://posters.example/" + i + ".jpg");
                st.setString(6, "A plot of about one sentence for movie " + i + ".");
                st.setDate(7, Date.valueOf(LocalDate.of(1990 + i % 30, 1 + i % 12, 1 + i % 28)));
                st.setString(8, Integer.toString(10_000 + i));
                st.setTimestamp(9, NOW);
                st.addBatch();
                if (i % 1000 == 999) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        }
    }

    static void series(Connection db, int count) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("insert into series (id, name, category_id, cover_url, plot, "
                + "genre, rating, enabled, created_at, updated_at) values (?, ?, ?, ?, 'A plot.', 'Comedy', 8, true, ?, ?)");
                PreparedStatement season = db.prepareStatement(
                        "insert into seasons (id, series_id, season_number, name) values (?, ?, ?, ?)");
                PreparedStatement ep = db.prepareStatement("insert into episodes (id, series_id, season_number, "
                        + "episode_number, title, source_url, container_extension, duration_seconds, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, 'mkv', 1500, ?)")) {
            long episodeId = BASE;
            for (int i = 0; i < count; i++) {
                long id = BASE + i;
                s.setLong(1, id);
                s.setString(2, "Series " + i);
                s.setLong(3, BASE + 2000 + i % 100);
                s.setString(4, "http://posters.example/s" + i + ".jpg");
                s.setTimestamp(5, NOW);
                s.setTimestamp(6, NOW);
                s.addBatch();
                for (int n = 1; n <= 2; n++) {
                    season.setLong(1, BASE + i * 2L + n);
                    season.setLong(2, id);
                    season.setInt(3, n);
                    season.setString(4, "Season " + n);
                    season.addBatch();
                    for (int e = 1; e <= 5; e++) {
                        ep.setLong(1, episodeId++);
                        ep.setLong(2, id);
                        ep.setInt(3, n);
                        ep.setInt(4, e);
                        ep.setString(5, "Episode " + e);
                        ep.setString(6, "http://files.example/series/" + i + "/" + n + "/" + e + ".mkv");
                        ep.setTimestamp(7, NOW);
                        ep.addBatch();
                    }
                }
                if (i % 200 == 199) {
                    s.executeBatch();
                    season.executeBatch();
                    ep.executeBatch();
                }
            }
            s.executeBatch();
            season.executeBatch();
            ep.executeBatch();
        }
    }
}
