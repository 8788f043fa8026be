package dev.streamviews.sinks.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Every error the framework answers (no such route, wrong method, a parameter that does not
 * convert, an unexpected exception) as problem+json, like the errors the controllers answer.
 * An unexpected failure says only that it happened: its message and stack trace stay in the log.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponses implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
    HttpStatus status = base.getStatus();
    String detail;
    String parameter = null;
    if (status.getCode() >= 500) {
      detail = "An unexpected error occurred; it has been logged.";
    } else if (context.hasErrors()) {
      detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
      parameter = context.getErrors().get(0).getPath().orElse(null);
    } else {
      detail = status.getReason();
    }
    Problem problem = Problem.of(status, detail, context.getRequest().getPath()).naming(parameter);
    return base.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
  }
}
