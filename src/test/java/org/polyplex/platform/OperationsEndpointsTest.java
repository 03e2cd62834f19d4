package org.polyplex.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.adminToken;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** The operational endpoints that tools rely on: health, metrics, the API description. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void healthIsUpWithTheDatabaseCheck() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check")).body(containsString("ingest-media"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsArePrometheusText() {
        adminToken();
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("polyplex_admin_logins_total{outcome=\"issued\"}"));
    }

    @Test
    void theAdminApiIsDescribed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/users")).body(containsString("/api/channels"))
                .body(containsString("/api/auth/token"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
