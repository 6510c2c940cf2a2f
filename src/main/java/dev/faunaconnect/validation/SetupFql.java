package dev.faunaconnect.validation;

import java.util.ArrayList;
import java.util.List;

/** The FQL a user runs to fix the setup, written as the seeds write it. */
final class SetupFql {
  static final String ROLE_NAME = "kafka-connect-readonly";

  private SetupFql() {}

  static String readPrivilege(String resource) {
    return "{ resource: " + resource + ", actions: { read: true } }";
  }

  static String collection(String name) {
    return "Collection(\"" + name + "\")";
  }

  static String index(String name) {
    return "Index(\"" + name + "\")";
  }

  /** The read-only role of the seeds: Collections(), Indexes(), then each collection and index. */
  static String readOnlyRole(List<String> collections, List<String> indexes) {
    List<String> privileges = new ArrayList<>();
    privileges.add(readPrivilege("Collections()"));
    privileges.add(readPrivilege("Indexes()"));
    collections.forEach(c -> privileges.add(readPrivilege(collection(c))));
    indexes.forEach(i -> privileges.add(readPrivilege(index(i))));
    return "CreateRole({ name: \"" + ROLE_NAME + "\", privileges: [" + String.join(", ", privileges) + "] })";
  }

  static String createKey() {
    return "CreateKey({ name: \"kafka-connect\", role: Role(\"" + ROLE_NAME + "\") })";
  }

  static String createCollection(String name) {
    return "CreateCollection({ name: \"" + name + "\" })";
  }
}
