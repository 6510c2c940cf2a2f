package dev.faunaconnect.benchmark;

/** The documents the benchmarks read: {@code customer} records of about 1 KB or about 200 bytes of JSON. */
enum BenchDocuments {
  /** A customer with nested fields, an array and a 650-character text: about 1 KB of {@code data} JSON. */
  ONE_KB("1 KB") {
    @Override
    String dataObject(int i) {
      String notes = ("Customer " + i + " asked about delivery windows and invoices. ").repeat(12);
      return "{\"object\":{\"customer_id\":" + i + ",\"name\":\"Customer " + i + "\",\"email\":\"customer" + i
          + "@example.com\",\"tier\":\"" + (i % 3 == 0 ? "gold" : "silver") + "\",\"balance\":" + (i * 1.25)
          + ",\"active\":" + (i % 2 == 0) + ",\"address\":{\"object\":{\"street\":\"" + i
          + " Main Street\",\"city\":\"Springfield\",\"zip\":\"" + (10000 + i % 90000) + "\"}},"
          + "\"tags\":[\"a\",\"b\",\"c\"],\"notes\":\"" + notes + "\"}}";
    }
  },
  /** The same customer without the text and the street: about 200 bytes. */
  TWO_HUNDRED_BYTES("200 B") {
    @Override
    String dataObject(int i) {
      return "{\"object\":{\"customer_id\":" + i + ",\"name\":\"Customer " + i + "\",\"email\":\"customer" + i
          + "@example.com\",\"tier\":\"" + (i % 3 == 0 ? "gold" : "silver") + "\",\"balance\":" + (i * 1.25)
          + ",\"active\":" + (i % 2 == 0) + ",\"address\":{\"object\":{\"city\":\"Springfield\",\"zip\":\""
          + (10000 + i % 90000) + "\"}},\"tags\":[\"a\",\"b\"]}}";
    }
  };

  private final String label;

  BenchDocuments(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Document {@code i}'s {@code data}, as an FQL wire object literal. */
  abstract String dataObject(int i);

  static BenchDocuments parse(String name) {
    return switch (name) {
      case "1k", "1kb", "1KB" -> ONE_KB;
      case "200", "200b", "200B" -> TWO_HUNDRED_BYTES;
      default -> throw new IllegalArgumentException("document size must be 1k or 200b, not " + name);
    };
  }
}
