package io.llmtwin.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the API key from {@code X-API-Key} or {@code Authorization: Bearer} and, when it is known,
 * authenticates the request as the key's {@link ApiKeyPrincipal}. A presented but unknown key is
 * answered 401 at once; a request without a key goes on and is refused by authorization unless its
 * path is public.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
  static final String HEADER = "X-API-Key";
  private static final String BEARER = "Bearer ";

  private final ApiKeyRegistry registry;
  private final AuthenticationEntryPoint entryPoint;

  ApiKeyAuthenticationFilter(ApiKeyRegistry registry, AuthenticationEntryPoint entryPoint) {
    this.registry = registry;
    this.entryPoint = entryPoint;
  }

  /**
   * Async dispatches (the completion of an SSE stream or a {@code DeferredResult}) are
   * authenticated again from the same request headers; otherwise they would run without a principal
   * and be refused with 403 after the response was committed.
   */
  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> presented = presentedKey(request);
    if (presented.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKeyPrincipal> principal = registry.authenticate(presented.get());
    if (principal.isEmpty()) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
      return;
    }
    var authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            principal.get(), null, List.of(new SimpleGrantedAuthority("ROLE_AUTHOR")));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  static Optional<String> presentedKey(HttpServletRequest request) {
    String header = request.getHeader(HEADER);
    if (header != null && !header.isBlank()) {
      return Optional.of(header.trim());
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return Optional.empty();
  }
}
