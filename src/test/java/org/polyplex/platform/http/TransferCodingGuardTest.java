package org.polyplex.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** Unknown transfer codings are refused before any route reads the request. */
@QuarkusTest
class TransferCodingGuardTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldRefuseAnUnknownTransferCodingWith501() throws IOException {
        String answer = send("POST /api/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /q/health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 501").doesNotContain("\"status\":\"UP\"");
        assertThat(send("POST /api/auth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 501");
    }

    @Test
    void shouldAcceptPlainChunkedBodies() throws IOException {
        String body = "{\"username\":\"nobody\",\"password\":\"wrong\"}";
        String answer = send("POST /api/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                + body + "\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 401");
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
