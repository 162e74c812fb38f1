package org.village.security.audit;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** An audit trail, and its admin endpoints, for every servlet app that keeps a MongoDB database. */
@AutoConfiguration(afterName = "org.village.messaging.MessagingAutoConfiguration")
@ConditionalOnClass(MongoDatabase.class)
@ConditionalOnBean(MongoDatabase.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(AuditController.class)
public class AuditAutoConfiguration {

    @Bean
    AuditTrail auditTrail(MongoDatabase database, Clock clock) {
        return new AuditTrail(database, clock);
    }
}
