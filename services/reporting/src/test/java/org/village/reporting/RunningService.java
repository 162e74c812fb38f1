package org.village.reporting;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.village.testing.ServiceUnderTest;

/** reporting-service as every integration test of it starts from: one shared application context. */
@ActiveProfiles("test")
abstract class RunningService extends ServiceUnderTest {

    @Autowired
    MongoDatabase database;
}
