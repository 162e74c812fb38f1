package org.village.notification.delivery;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.village.events.Priority;
import org.village.notification.NotificationProperties;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Language;
import org.village.notification.domain.Notification;
import org.village.notification.domain.Preferences;
import org.village.notification.store.PreferenceStore;

/** E-mail over SMTP to the address the recipient chose; the words are the notification's own, nothing more. */
@Component
public class EmailChannel implements Channel {

    private final JavaMailSender mail;
    private final PreferenceStore preferences;
    private final NotificationProperties properties;

    public EmailChannel(JavaMailSender mail, PreferenceStore preferences, NotificationProperties properties) {
        this.mail = mail;
        this.preferences = preferences;
        this.properties = properties;
    }

    @Override
    public Delivery.Channel kind() {
        return Delivery.Channel.EMAIL;
    }

    @Override
    public String resilienceName(Delivery delivery) {
        return "email";
    }

    @Override
    public void send(Notification notification, Delivery delivery) {
        Preferences chosen = preferences.of(notification.recipient().userId());
        if (!chosen.wantsEmail()) {
            throw new Nowhere("the recipient no longer receives e-mail");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.delivery().from());
        message.setTo(chosen.email());
        boolean es = chosen.writtenIn() == Language.ES;
        String reminder = notification.sendCount() > 1 ? (es ? "Recordatorio: " : "Reminder: ") : "";
        String urgent = notification.priority() == Priority.URGENT ? (es ? "URGENTE: " : "URGENT: ") : "";
        message.setSubject("[Village] " + urgent + reminder + notification.title());
        String open = es
                ? (notification.requiresAck() ? "Confírmelo en Village: " : "Abra Village: ")
                : (notification.requiresAck() ? "Please acknowledge it in Village: " : "Open Village: ");
        String sent = notification.sendCount() > 1
                ? (es
                        ? ", enviado " + notification.sendCount() + " veces"
                        : ", sent " + notification.sendCount() + " times")
                : "";
        message.setText(notification.body() + "\n\n" + open + properties.inboxUrl() + "\n\n"
                + (es ? "Aviso " : "Notification ") + notification.notificationId() + sent + ".");
        mail.send(message);
    }
}
