package org.village.gateway;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.village.events.AsyncApi;

/** The events' AsyncAPI description, built from the catalogue, beside the services' API descriptions. */
@RestController
class EventsDescription {

    private final String document = AsyncApi.document();

    @GetMapping(path = "/api/docs/events", produces = MediaType.APPLICATION_JSON_VALUE)
    String events() {
        return document;
    }
}
