package dev.streamviews.producers;

import dev.streamviews.producers.json.InvalidEventException;
import dev.streamviews.producers.json.JsonEventReader;
import dev.streamviews.producers.publish.OutgoingEvent;
import dev.streamviews.schemas.topics.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** A file of JSON lines, one event each, read whole and checked before anything is sent. Blank lines are skipped. */
final class EventFile {
  record LineError(int lineNumber, String message) {}

  record Contents(List<OutgoingEvent> events, List<LineError> errors) {
    int lines() {
      return events.size() + errors.size();
    }
  }

  private EventFile() {}

  static Contents read(Path file, Topic<?> topic, Schema writerSchema) {
    JsonEventReader reader = new JsonEventReader(writerSchema);
    List<OutgoingEvent> events = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          events.add(OutgoingEvent.of(topic, reader.read(line)));
        } catch (InvalidEventException e) {
          errors.add(new LineError(number, e.getMessage()));
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliFailure("no such file: " + file);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage());
    }
    return new Contents(events, errors);
  }
}
