package org.village.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * English and Spanish, chosen from the browser and switchable ({@code ?lang=es}), remembered in a cookie and with
 * the user's preferences; and the idle-session filter.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWeb implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("village-lang");
        resolver.setDefaultLocale(null);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(request -> {
            Locale asked = request.getLocale();
            return asked != null && "es".equals(asked.getLanguage()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        });
        return resolver;
    }

    private final VillageApi api;

    ConsoleWeb(VillageApi api) {
        this.api = api;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
        registry.addInterceptor(new RememberedLanguage(api, localeResolver()));
    }

    /** Idle sessions end before Spring Security reads them. */
    @Bean
    IdleSessions idleSessions(ConsoleProperties properties) {
        return new IdleSessions(properties.idleTimeout(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<IdleSessions> idleSessionsFilter(IdleSessions idle) {
        FilterRegistrationBean<IdleSessions> registration = new FilterRegistrationBean<>(idle);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
