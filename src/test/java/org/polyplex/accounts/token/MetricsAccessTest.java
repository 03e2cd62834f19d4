package org.polyplex.accounts.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.polyplex.testsupport.AdminApi.adminToken;

import org.polyplex.testsupport.ProductionGuards;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

/** {@code /q/metrics} as production runs it: closed but to admin tokens and the scrape token. */
@QuarkusTest
@TestProfile(ProductionGuards.class)
class MetricsAccessTest {

    @Test
    void shouldRefuseMetricsWithoutAToken() {
        given().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer not-the-token").get("/q/metrics").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/q/metrics").then().statusCode(401);
    }

    @Test
    void shouldServeMetricsToTheScrapeTokenAndToAdmins() {
        given().header("Authorization", "Bearer " + ProductionGuards.SCRAPE_TOKEN).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().auth().oauth2(adminToken()).get("/q/metrics").then().statusCode(200);
    }
}
