package org.village.messaging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request continues the caller's trace ({@code traceparent}) or starts one; the events the request causes
 * carry it on, and the response names it.
 */
public class TraceContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (TraceContext.Scope ignored = TraceContext.continueOrStart(request.getHeader(TraceContext.HEADER))) {
            response.setHeader(TraceContext.HEADER, TraceContext.current().orElseThrow());
            chain.doFilter(request, response);
        }
    }
}
