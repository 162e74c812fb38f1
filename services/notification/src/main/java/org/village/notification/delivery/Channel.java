package org.village.notification.delivery;

import org.village.notification.domain.Delivery;
import org.village.notification.domain.Notification;

/** An external way to reach someone. Throws when it did not deliver; {@link Nowhere} when it never can. */
public interface Channel {

    Delivery.Channel kind();

    /** The name its retry, circuit breaker and bulkhead go by: one per mail server, one per webhook. */
    String resilienceName(Delivery delivery);

    void send(Notification notification, Delivery delivery) throws Exception;

    /** There is nowhere to deliver to any more (the address was removed, the webhook deleted). */
    final class Nowhere extends RuntimeException {
        public Nowhere(String reason) {
            super(reason);
        }
    }
}
