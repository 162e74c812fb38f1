package org.village.intake;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.testing.ServiceUnderTest;

/** intake-service as every integration test of it starts from: one shared application context. */
abstract class RunningService extends ServiceUnderTest {

    @Autowired
    MongoDatabase database;
}
