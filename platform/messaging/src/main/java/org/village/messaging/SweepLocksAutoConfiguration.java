package org.village.messaging;

import com.mongodb.client.MongoDatabase;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A service's sweeps run once per cluster: ShedLock's lock lives in the service's own database (collection
 * {@code shedlock}). Every service with ShedLock on its classpath gets it from here.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
@ConditionalOnClass(MongoLockProvider.class)
public class SweepLocksAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockProvider lockProvider(MongoDatabase database) {
        return new MongoLockProvider(database.getCollection("shedlock"));
    }
}
