package org.village.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.events.ProblemTypes;

/**
 * A refusal reads in the caller's language: the console asks in Spanish for a Spanish-speaking advocate, and the
 * message next to the field she got wrong is Spanish. What Village has only in English (a rule's own sentence)
 * says so in {@code Content-Language}, so that the console can say it is English.
 */
class ProblemLanguageTest {

    record Body(
            @NotNull String name,

            @Pattern(regexp = "[A-Z_]+", message = "{village.code}") @Nullable
            String code) {}

    @RestController
    static class Refusing {

        @PostMapping("/things")
        String create(@Valid @RequestBody Body body) {
            return "created";
        }

        @GetMapping("/report")
        String report(@RequestParam String from, @RequestParam(required = false) @Nullable Integer days) {
            if (days != null) {
                throw ApiProblem.invalid("to", "{limit}", 366);
            }
            throw ApiProblem.conflict("Harbor House has no beds for 2 adults and 3 children");
        }
    }

    private final MockMvc mvc;

    ProblemLanguageTest() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        mvc = MockMvcBuilders.standaloneSetup(new Refusing())
                .setControllerAdvice(new ProblemAdvice())
                .setValidator(validator)
                .setLocaleResolver(new WebAutoConfiguration().localeResolver())
                .build();
    }

    private MvcResult send(String language, String body) throws Exception {
        return mvc.perform(post("/things")
                        .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn();
    }

    @Test
    void beanValidationAndVillagesOwnMessagesAreSpanishWhenSpanishIsAsked() throws Exception {
        MvcResult refused = send("es-MX,es;q=0.9,en;q=0.5", "{\"code\":\"lower\"}");

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getHeader(HttpHeaders.CONTENT_LANGUAGE))
                .isEqualTo("es");
        assertThat(refused.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"field\":\"name\"", "no debe ser nulo")
                .contains("\"field\":\"code\"", "debe ser un código en mayúsculas")
                .doesNotContain("must not be null", "upper-case");
    }

    @Test
    void anyOtherLanguageIsAnsweredInEnglishAndSaysSo() throws Exception {
        for (String language : new String[] {"fr", "en-GB", ""}) {
            MvcResult refused = send(language, "{\"code\":\"lower\"}");

            assertThat(refused.getResponse().getHeader(HttpHeaders.CONTENT_LANGUAGE))
                    .as(language)
                    .isEqualTo("en");
            assertThat(refused.getResponse().getContentAsString())
                    .as(language)
                    .contains("must not be null", "must be an upper-case code");
        }
    }

    @Test
    void theAdvicesOwnMessagesAndAKeyedFieldMessageAreSaidInSpanishWithTheirArguments() throws Exception {
        MvcResult notJson = send("es", "{not json");
        assertThat(notJson.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("no es JSON válido");

        MvcResult missing = mvc.perform(get("/report").header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
                .andReturn();
        assertThat(missing.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"field\":\"from\"", "es obligatorio");
        assertThat(missing.getResponse().getHeader(HttpHeaders.CONTENT_LANGUAGE))
                .isEqualTo("es");

        MvcResult keyed = mvc.perform(get("/report?from=2026-10-01&days=400").header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
                .andReturn();
        assertThat(keyed.getResponse().getStatus()).isEqualTo(400);
        assertThat(keyed.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"type\":\"" + ProblemTypes.VALIDATION_FAILED + "\"")
                .contains("\"field\":\"to\"", "debe estar entre 1 y 366");
        MvcResult keyedInEnglish =
                mvc.perform(get("/report?from=2026-10-01&days=400")).andReturn();
        assertThat(keyedInEnglish.getResponse().getContentAsString()).contains("must be between 1 and 366");
    }

    @Test
    void aRulesOwnEnglishSentenceIsMarkedEnglishEvenWhenSpanishWasAsked() throws Exception {
        MvcResult refused = mvc.perform(get("/report?from=2026-10-01").header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
                .andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(refused.getResponse().getContentAsString()).contains("Harbor House has no beds");
        assertThat(refused.getResponse().getHeader(HttpHeaders.CONTENT_LANGUAGE))
                .isEqualTo("en");
    }
}
