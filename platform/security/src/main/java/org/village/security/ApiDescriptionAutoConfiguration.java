package org.village.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.village.events.ProblemTypes;

/**
 * Each service describes its API (OpenAPI 3.1 at {@code /v3/api-docs}, generated from its controllers): only the
 * {@code /api/**} operations, each with the bearer-token requirement and the RFC 9457 problems it may answer. The
 * caller is resolved from the token, so it is never shown as a parameter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDescriptionAutoConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "validation-failed: the request names what is wrong",
            "401", "unauthenticated: no valid Village access token",
            "403", "forbidden: the caller may not do this",
            "404", "not-found: nothing there, or nothing the caller may see");

    @Bean
    OpenAPI villageApiDescription(Environment environment) {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty(
                        "type", new StringSchema().description("a stable slug: " + String.join(", ", ProblemTypes.ALL)))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("a sentence for people"))
                .addProperty(
                        "errors", new Schema<>().type("array").description("for validation-failed: {field, message}"));
        return new OpenAPI()
                .info(new Info()
                        .title("Village " + environment.getProperty("spring.application.name", "service"))
                        .version("v1")
                        .description("Reached through the gateway; see docs/API.md"))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A Village access token from identity"))
                        .addSchemas(PROBLEM, problem))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Only the public API, and every operation with the problems it may answer. */
    @Bean
    OpenApiCustomizer villageApiOnly() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().keySet().removeIf(path -> !path.startsWith("/api/"));
            api.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(ApiDescriptionAutoConfiguration::problems));
        };
    }

    private static void problems(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        PROBLEMS.forEach((status, meaning) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(
                        status,
                        new ApiResponse()
                                .description(meaning)
                                .content(new Content()
                                        .addMediaType(
                                                "application/problem+json",
                                                new MediaType()
                                                        .schema(new Schema<>()
                                                                .$ref("#/components/schemas/" + PROBLEM)))));
            }
        });
        operation.setResponses(responses);
    }
}
