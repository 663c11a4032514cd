package io.understudy.daemon.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON form of a {@link StatusReport}, written by the server and read by the CLI. */
public final class StatusJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A newer daemon may report more than this CLI knows; show what it knows.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StatusJson() {}

  public static String write(StatusReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A status report could not be written as JSON", e);
    }
  }

  public static StatusReport read(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, StatusReport.class);
  }
}
