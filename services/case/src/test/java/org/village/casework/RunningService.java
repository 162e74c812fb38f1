package org.village.casework;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.village.testing.ServiceUnderTest;
import org.village.testing.TestClock;

/** case-service as every integration test of it starts from: one shared application context. */
@ActiveProfiles("test")
@Import(TestClock.class)
abstract class RunningService extends ServiceUnderTest {

    @Autowired
    MongoDatabase database;
}
