import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bench-only client (JDK classes only): logs in to the console as a browser would (form post with
 * an Origin header, session cookie), takes an admin token, then times the console's channel list
 * (first page, and a search) against the JSON admin API page of the same size and query, in
 * alternation so that both see the same machine. Prints a Markdown table and writes it to OUT.
 * Usage: java Bench.java BASE ADMIN_PASSWORD ROUNDS OUT
 */
public class Bench {

    static final int PAGE = 50;
    static final String QUERY = "Channel 4999";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        int rounds = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String login = "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Origin", base).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher cookie = Pattern.compile("polyplex_console=([^;]+)")
                .matcher(answer.headers().firstValue("Set-Cookie").orElse(""));
        if (answer.statusCode() != 303 || !cookie.find()) {
            throw new IllegalStateException("console login failed: HTTP " + answer.statusCode());
        }
        String session = "polyplex_console=" + cookie.group(1);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher access = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (!access.find()) {
            throw new IllegalStateException("no token: HTTP " + token.statusCode());
        }
        String bearer = "Bearer " + access.group(1);
        String q = URLEncoder.encode(QUERY, StandardCharsets.UTF_8);

        List<Probe> probes = List.of(
                new Probe("console: channels, first page (" + PAGE + " rows, HTML)", base + "/console/channels",
                        "Cookie", session),
                new Probe("reference: /api/channels first page (" + PAGE + " rows, JSON)",
                        base + "/api/channels?page=0&size=" + PAGE, "Authorization", bearer),
                new Probe("console: channels, search \"" + QUERY + "\"", base + "/console/channels?q=" + q, "Cookie",
                        session),
                new Probe("reference: /api/channels?q= same search", base + "/api/channels?page=0&size=" + PAGE
                        + "&q=" + q, "Authorization", bearer));
        for (int i = 0; i < Math.max(20, rounds / 10); i++) {
            for (Probe p : probes) {
                p.time(http, false);
            }
        }
        for (int i = 0; i < rounds; i++) {
            for (Probe p : probes) {
                p.time(http, true);
            }
        }
        StringBuilder table = new StringBuilder("| Request | median ms | p95 ms | bytes |\n|---|---|---|---|\n");
        for (Probe p : probes) {
            table.append(p.row()).append('\n');
        }
        System.out.print(table);
        Files.writeString(Path.of(args[3]), table.toString());
    }

    /** One request measured again and again; a wrong status fails the bench. */
    static final class Probe {
        final String name;
        final HttpRequest request;
        final List<Long> nanos = new ArrayList<>();
        int bytes;

        Probe(String name, String url, String header, String value) {
            this.name = name;
            this.request = HttpRequest.newBuilder(URI.create(url)).header(header, value).GET().build();
        }

        void time(HttpClient http, boolean keep) throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + ": HTTP " + r.statusCode());
            }
            bytes = r.body().length;
            if (keep) {
                nanos.add(took);
            }
        }

        String row() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return "| " + name + " | " + ms(pick(sorted, 0.50)) + " | " + ms(pick(sorted, 0.95)) + " | " + bytes
                    + " |";
        }

        static long pick(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }

        static String ms(long nanos) {
            return String.format("%.1f", nanos / 1e6);
        }
    }
}
