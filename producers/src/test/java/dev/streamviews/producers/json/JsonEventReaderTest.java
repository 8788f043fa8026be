package dev.streamviews.producers.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.views.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonEventReaderTest {
  private final JsonEventReader orders = new JsonEventReader(OrderPlaced.getClassSchema());
  private final JsonEventReader payments = new JsonEventReader(PaymentCaptured.getClassSchema());

  @Test
  void readsAnOrderWrittenWithTheAvroFieldNames() throws Exception {
    GenericRecord order = orders.read("""
        {"orderId":"o-1","customerId":"c-1","lines":[{"sku":"sku-1","quantity":2,"unitPriceCents":1999}],
         "placedAt":"2026-11-01T10:15:30Z"}""");

    assertThat(order.get("orderId")).isEqualTo("o-1");
    assertThat(order.get("placedAt")).isEqualTo(Instant.parse("2026-11-01T10:15:30Z").toEpochMilli());
    assertThat(((List<?>) order.get("lines"))).hasSize(1);
    assertThat(GenericData.get().validate(OrderPlaced.getClassSchema(), order)).isTrue();
  }

  @Test
  void takesEpochMillisecondsForATimestamp() throws Exception {
    GenericRecord payment = payments.read(
        "{\"paymentId\":\"p\",\"orderId\":\"o\",\"amountCents\":5,\"method\":\"PAYPAL\",\"capturedAt\":1762000000000}");

    assertThat(payment.get("capturedAt")).isEqualTo(1762000000000L);
    assertThat(payment.get("method").toString()).isEqualTo("PAYPAL");
  }

  @Test
  void leavesAnOptionalFieldOutAndAcceptsNullForIt() throws Exception {
    JsonEventReader statuses = new JsonEventReader(OrderStatus.getClassSchema());
    String base = "\"orderId\":\"o\",\"status\":\"PLACED\",\"totalCents\":1,\"paidCents\":0,\"updatedAt\":0";

    assertThat(statuses.read("{" + base + "}").get("customerId")).isNull();
    assertThat(statuses.read("{" + base + ",\"customerId\":null}").get("customerId")).isNull();
    assertThat(statuses.read("{" + base + ",\"customerId\":\"c-9\"}").get("customerId")).isEqualTo("c-9");
  }

  @Test
  void namesTheNestedFieldThatHasTheWrongType() {
    assertThatThrownBy(() -> orders.read("""
        {"orderId":"o-1","customerId":"c-1","placedAt":0,
         "lines":[{"sku":"a","quantity":1,"unitPriceCents":1},{"sku":"b","quantity":"two","unitPriceCents":1}]}"""))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("field 'lines[1].quantity': expected an integer (int), got \"two\"")
        .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("lines[1].quantity"));
  }

  @Test
  void refusesAMissingRequiredField() {
    assertThatThrownBy(() -> orders.read("{\"orderId\":\"o-1\",\"lines\":[],\"placedAt\":0}"))
        .hasMessage("field 'customerId': is required but missing");
  }

  @Test
  void refusesAnUnknownFieldSoATypoIsNotLost() {
    assertThatThrownBy(() -> orders.read("{\"orderId\":\"o-1\",\"customerID\":\"c\",\"customerId\":\"c\",\"lines\":[],\"placedAt\":0}"))
        .hasMessageStartingWith("field 'customerID': unknown field");
  }

  @Test
  void refusesAnEnumValueThatIsNotASymbol() {
    assertThatThrownBy(() -> payments.read(
        "{\"paymentId\":\"p\",\"orderId\":\"o\",\"amountCents\":5,\"method\":\"CASH\",\"capturedAt\":0}"))
        .hasMessage("field 'method': expected one of [CARD, PAYPAL, BANK_TRANSFER], got \"CASH\"");
  }

  @Test
  void refusesATimestampThatIsNoInstant() {
    assertThatThrownBy(() -> payments.read(
        "{\"paymentId\":\"p\",\"orderId\":\"o\",\"amountCents\":5,\"method\":\"CARD\",\"capturedAt\":\"yesterday\"}"))
        .hasMessageStartingWith("field 'capturedAt': expected an ISO-8601 instant");
  }

  @Test
  void refusesAnIntegerTooLargeForAnInt() {
    assertThatThrownBy(() -> orders.read("""
        {"orderId":"o","customerId":"c","placedAt":0,"lines":[{"sku":"a","quantity":3000000000,"unitPriceCents":1}]}"""))
        .hasMessageContaining("lines[0].quantity");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> orders.read("orderId=o-1"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("not valid JSON");
  }
}
