package io.llmtwin.support.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of every service as an RFC 9457 {@link ProblemDetail} with a stable type URI:
 * {@link ApiProblemException}s thrown by features, Spring MVC's own errors (malformed JSON,
 * validation, oversize uploads, unknown paths) and, without leaking internals, anything unexpected.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ApiProblemException.class)
  ResponseEntity<ProblemDetail> handleApiProblem(
      ApiProblemException e, HttpServletRequest request) {
    ProblemDetail problem = ProblemTypes.problem(e.status(), e.type(), e.title(), e.detail());
    e.properties().forEach(problem::setProperty);
    problem.setInstance(URI.create(request.getRequestURI()));
    HttpHeaders headers = new HttpHeaders();
    Object retryAfter = e.properties().get("retryAfterSeconds");
    if (retryAfter != null) {
      headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
    }
    return ResponseEntity.status(e.status()).headers(headers).body(problem);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> handleConstraintViolation(
      ConstraintViolationException e, HttpServletRequest request) {
    List<Map<String, String>> errors =
        e.getConstraintViolations().stream()
            .map(
                v ->
                    Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
            .toList();
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", "request is invalid");
    problem.setProperty("errors", errors);
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
    log.error("unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "the request failed unexpectedly; the service log has the details");
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.internalServerError().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemTypes.problem(
            status, "validation-failed", "Validation failed", "request body is invalid");
    problem.setProperty(
        "errors",
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
            .toList());
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemTypes.problem(
            status, "validation-failed", "Validation failed", "request parameters are invalid");
    problem.setProperty(
        "errors",
        ex.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            err ->
                                Map.of(
                                    "field",
                                    String.valueOf(r.getMethodParameter().getParameterName()),
                                    "message",
                                    String.valueOf(err.getDefaultMessage()))))
            .toList());
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemTypes.problem(
            status,
            "malformed-request",
            "Malformed request",
            "the request body is missing or is not valid JSON of the expected shape");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (body == null && ex instanceof ErrorResponse errorResponse) {
      body = errorResponse.getBody();
    }
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(ProblemTypes.uri(slugFor(statusCode)));
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  static String slugFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad-request";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 503 -> "service-unavailable";
      default -> status.is4xxClientError() ? "client-error" : "server-error";
    };
  }
}
