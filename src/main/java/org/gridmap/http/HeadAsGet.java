package org.gridmap.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * HEAD is GET without the body (RFC 9110 §9.3.2): the routes see a GET, so status, headers, access checks and
 * Content-Length are the same, and Jetty, which still knows the exchange is a HEAD, sends no body.
 */
final class HeadAsGet implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && "HEAD".equals(http.getMethod())) {
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getMethod() { return "GET"; }
            }, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
