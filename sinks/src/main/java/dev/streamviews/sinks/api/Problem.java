package dev.streamviews.sinks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An error as RFC 9457 problem details. {@code parameter} (an extension member) names the request
 * parameter at fault, when one is.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String parameter) {
  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(HttpStatus status, String detail, String instance) {
    return new Problem("about:blank", status.getReason(), status.getCode(), detail, instance, null);
  }

  public Problem naming(String parameterName) {
    return new Problem(type, title, status, detail, instance, parameterName);
  }

  public MutableHttpResponse<Problem> response() {
    return HttpResponse.<Problem>status(HttpStatus.valueOf(status)).contentType(MediaType.of(MEDIA_TYPE)).body(this);
  }
}
