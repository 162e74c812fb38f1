package org.village.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of Village's problem details in the caller's language: English, or Spanish when the request's
 * {@code Accept-Language} prefers it (the console asks in its user's language). A text written as a key in
 * braces ({@code {report.to-before-from}}) is looked up in {@code org/village/web/problems.properties} and, when
 * the service has one, its own {@code problems.properties} (each with a {@code _es} beside it); any other text is
 * English and stays as it is. Bean Validation's messages are said in the same language by Spring itself
 * (Village's own in {@code ValidationMessages.properties}).
 */
public final class ProblemTexts {

    /** The languages Village answers in; the first is the one for everybody else. */
    public static final List<Locale> SPOKEN = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    private static final Pattern KEY = Pattern.compile("\\{([a-z0-9.-]+)}");

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    public ProblemTexts() {
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        if (ProblemTexts.class.getClassLoader().getResource("problems.properties") != null) {
            messages.setBasenames("org/village/web/problems", "problems");
        } else {
            messages.setBasenames("org/village/web/problems");
        }
    }

    /** The language of this request's answer: Spanish when it asked for it, English otherwise. */
    public static Locale language() {
        Locale asked = LocaleContextHolder.getLocale();
        return SPOKEN.stream()
                .filter(spoken -> spoken.getLanguage().equals(asked.getLanguage()))
                .findFirst()
                .orElse(SPOKEN.get(0));
    }

    /** What a text says: its words, and whether they are in the language asked (a key's are; other text is English). */
    public record Said(String text, Locale language) {}

    /**
     * Says a text in {@code language}: a key in braces with its {@code args} ({@link java.text.MessageFormat}),
     * anything else as written (in English).
     *
     * @throws NoSuchMessageException for a key no bundle holds (a bug: every key has an English text)
     */
    public Said say(String text, Locale language, Object... args) {
        Matcher key = KEY.matcher(text);
        if (!key.matches()) {
            return new Said(text, Locale.ENGLISH);
        }
        return new Said(messages.getMessage(key.group(1), args, language), language);
    }
}
