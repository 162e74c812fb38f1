package org.village.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Failures that are not bugs answer as what they are. A live stream whose client went away ends quietly: no problem details are forced onto an event stream (which
 * has no converter for them and logged an error for every client that left at a shift change).
 */
class ExpectedFailuresTest {

    @RestController
    static class Streams {

        @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        String stream() throws AsyncRequestNotUsableException {
            throw new AsyncRequestNotUsableException("the client went away");
        }

        @GetMapping(value = "/records", produces = MediaType.APPLICATION_JSON_VALUE)
        String records() {
            throw new MongoTimeoutException("Timed out while waiting for a server");
        }

        @GetMapping(value = "/broken", produces = MediaType.APPLICATION_JSON_VALUE)
        String broken() {
            throw new IllegalStateException("a bug");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Streams())
            .setControllerAdvice(new ProblemAdvice())
            .build();

    @Test
    void aStreamWhoseClientLeftEndsWithoutAProblemBody() throws Exception {
        MvcResult ended =
                mvc.perform(get("/stream").accept(MediaType.TEXT_EVENT_STREAM)).andReturn();
        assertThat(ended.getResolvedException()).isInstanceOf(AsyncRequestNotUsableException.class);
        assertThat(ended.getResponse().getContentAsString()).isEmpty();
        assertThat(ended.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aDatabaseOutOfReachIsA503TheCallerMayRetryNotA500() throws Exception {
        MvcResult failed = mvc.perform(
                        get("/records").accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn();
        assertThat(failed.getResponse().getStatus()).isEqualTo(503);
        assertThat(failed.getResponse().getContentAsString()).contains("unavailable", "try again");
    }

    @Test
    void anythingElseUnexpectedIsStillProblemDetails() throws Exception {
        MvcResult failed = mvc.perform(
                        get("/broken").accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn();
        assertThat(failed.getResponse().getStatus()).isEqualTo(500);
        assertThat(failed.getResponse().getContentAsString()).contains("internal-error");
    }
}
