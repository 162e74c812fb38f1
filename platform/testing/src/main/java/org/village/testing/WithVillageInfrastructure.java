package org.village.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test against a real Kafka broker and MongoDB endpoint. Put it before
 * {@code @SpringBootTest} so the endpoints are known when the context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(InfrastructureExtension.class)
public @interface WithVillageInfrastructure {}
