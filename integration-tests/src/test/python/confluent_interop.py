#!/usr/bin/python3
"""Confluent's own Python client (Debian's python3-confluent-kafka 1.7) against streamviews.

Run with Debian's interpreter: /usr/bin/python3 confluent_interop.py MODE ...
Prints one JSON object on stdout; exits non-zero on failure.

Modes:
  registry URL                              CachedSchemaRegistryClient calls against our registry
  consume BOOTSTRAP URL TOPIC COUNT         AvroConsumer reads COUNT values our Java serde wrote
  produce-avro BOOTSTRAP URL TOPIC ORDERS   AvroProducer writes orders (JSON list) with null keys
  produce-keyed BOOTSTRAP URL TOPIC ORDERS  Confluent's MessageSerializer + Producer write orders keyed by
                                            orderId as plain UTF-8, as the pipeline expects
"""
import datetime
import json
import sys
import time
import uuid

from confluent_kafka import Producer
from confluent_kafka.avro import AvroConsumer, AvroProducer, CachedSchemaRegistryClient, loads
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def record_schema(fields):
    return loads(json.dumps({"type": "record", "name": "Interop", "namespace": "interop", "fields": fields}))


def registry(url):
    client = CachedSchemaRegistryClient({"url": url})
    subject = "interop-%s-value" % uuid.uuid4()
    v1 = record_schema([{"name": "a", "type": "string"}])
    v2 = record_schema([{"name": "a", "type": "string"}, {"name": "b", "type": "string", "default": "x"}])
    incompatible = record_schema([{"name": "a", "type": "int"}])
    id1 = client.register(subject, v1)
    id1_again = client.register(subject, v1)
    fetched = client.get_by_id(id1)
    compatible_v2 = client.test_compatibility(subject, v2)
    compatible_bad = client.test_compatibility(subject, incompatible)
    id2 = client.register(subject, v2)
    latest_id, latest_schema, latest_version = client.get_latest_schema(subject)
    version_of_v1 = client.get_version(subject, v1)
    client.update_compatibility("FULL", subject)
    level = client.get_compatibility(subject)
    refused = None
    try:
        fresh = CachedSchemaRegistryClient({"url": url})  # no cache: ask the registry
        fresh.register(subject, incompatible)
    except Exception as e:  # ClientError: Incompatible Avro schema
        refused = str(e)
    return {
        "id1": id1, "id1_again": id1_again, "fetched_equals_registered": str(fetched) == str(v1),
        "compatible_v2": compatible_v2, "compatible_bad": compatible_bad, "id2": id2,
        "latest_id": latest_id, "latest_version": latest_version, "version_of_v1": version_of_v1,
        "level": level, "incompatible_refused": refused,
    }


def plain(value):
    """An Avro value as JSON: datetimes as ISO-8601 instants."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    return value


def consume(bootstrap, url, topic, count):
    consumer = AvroConsumer({
        "bootstrap.servers": bootstrap, "group.id": "interop-%s" % uuid.uuid4(),
        "auto.offset.reset": "earliest", "schema.registry.url": url})
    consumer.subscribe([topic])
    values = []
    deadline = time.time() + 60
    try:
        while len(values) < count and time.time() < deadline:
            message = consumer.poll(1)
            if message is not None and not message.error():
                values.append(plain(message.value()))
    finally:
        consumer.close()
    return {"values": values}


def order_record(order):
    placed = datetime.datetime.fromisoformat(order["placedAt"].replace("Z", "+00:00"))
    return {"orderId": order["orderId"], "customerId": order["customerId"], "lines": order["lines"], "placedAt": placed}


# A producer writes with the schema it was built with (passed in: the one our producers write with),
# not with the subject's latest version: another producer may have registered a newer compatible one.
def produce_avro(bootstrap, url, topic, orders, schema):
    producer = AvroProducer({"bootstrap.servers": bootstrap, "schema.registry.url": url}, default_value_schema=schema)
    for order in orders:
        producer.produce(topic=topic, value=order_record(order))
    remaining = producer.flush(30)
    return {"sent": len(orders) - remaining}


def produce_keyed(bootstrap, url, topic, orders, schema):
    client = CachedSchemaRegistryClient({"url": url})
    serializer = MessageSerializer(client)
    # librdkafka's default partitioner (CRC32) puts keys elsewhere than Kafka's Java client (murmur2);
    # the pipeline reads each key from its murmur2 partition and dead-letters misrouted records.
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all",
                         "partitioner": "murmur2_random"})
    for order in orders:
        value = serializer.encode_record_with_schema(topic, schema, order_record(order))
        producer.produce(topic, key=order["orderId"].encode("utf-8"), value=value)
    remaining = producer.flush(30)
    return {"sent": len(orders) - remaining}


def main(argv):
    mode = argv[1]
    if mode == "registry":
        result = registry(argv[2])
    elif mode == "consume":
        result = consume(argv[2], argv[3], argv[4], int(argv[5]))
    elif mode == "produce-avro":
        result = produce_avro(argv[2], argv[3], argv[4], json.loads(argv[5]), loads(argv[6]))
    elif mode == "produce-keyed":
        result = produce_keyed(argv[2], argv[3], argv[4], json.loads(argv[5]), loads(argv[6]))
    else:
        raise SystemExit("unknown mode " + mode)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
