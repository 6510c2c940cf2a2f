package dev.faunaconnect.fauna;

import java.util.ArrayList;
import java.util.List;

/** The FQL a user runs to fix the setup, written as the seeds write it, so it can be pasted into the shell. */
public final class SetupFql {
  public static final String ROLE_NAME = "kafka-connect-readonly";

  private SetupFql() {}

  public static String readPrivilege(String resource) {
    return "{ resource: " + resource + ", actions: { read: true } }";
  }

  public static String collection(String name) {
    return "Collection(" + quote(name) + ")";
  }

  public static String index(String name) {
    return "Index(" + quote(name) + ")";
  }

  /** The read-only role of the seeds: Collections(), Indexes(), then each collection and index. */
  public static String readOnlyRole(List<String> collections, List<String> indexes) {
    List<String> privileges = new ArrayList<>();
    privileges.add(readPrivilege("Collections()"));
    privileges.add(readPrivilege("Indexes()"));
    collections.forEach(c -> privileges.add(readPrivilege(collection(c))));
    indexes.forEach(i -> privileges.add(readPrivilege(index(i))));
    return "CreateRole({ name: \"" + ROLE_NAME + "\", privileges: [" + String.join(", ", privileges) + "] })";
  }

  /**
   * Adds read on the resources to the key's role, keeping the privileges it has: {@code Update} replaces the whole
   * privileges array, so the missing entries are appended to the stored ones. Run with an admin key.
   */
  public static String grantRead(List<String> resources) {
    List<String> privileges = resources.stream().map(SetupFql::readPrivilege).toList();
    String role = "Role(\"" + ROLE_NAME + "\")";
    return "Update(" + role + ", { privileges: Append([" + String.join(", ", privileges) + "], "
        + "Select(\"privileges\", Get(" + role + "))) })";
  }

  /** A sentence with {@link #grantRead}, for every message about a missing privilege. */
  public static String grantAdvice(List<String> resources) {
    return "Add the missing privilege" + (resources.size() > 1 ? "s" : "") + " to the key's role with an admin key: "
        + grantRead(resources) + " (put the name of the key's role for " + ROLE_NAME + ").";
  }

  public static String createKey() {
    return "CreateKey({ name: \"kafka-connect\", role: Role(\"" + ROLE_NAME + "\") })";
  }

  public static String createCollection(String name) {
    return "CreateCollection({ name: " + quote(name) + " })";
  }

  /** A name as an FQL string literal. */
  public static String quote(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
