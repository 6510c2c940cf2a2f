package dev.faunaconnect.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licence a jar's published POM declares, read from the local Maven repository next to the jar; when the POM
 * declares none, its parent's (as Maven inherits it).
 */
final class DeclaredLicence {
  private static final Pattern LICENSE_NAME = Pattern.compile("(?s)<licenses>.*?<name>\\s*(.*?)\\s*</name>");
  private static final Pattern PARENT = Pattern.compile("(?s)<parent>.*?<groupId>\\s*(.*?)\\s*</groupId>.*?"
      + "<artifactId>\\s*(.*?)\\s*</artifactId>.*?<version>\\s*(.*?)\\s*</version>.*?</parent>");

  private DeclaredLicence() {}

  /** The licence name declared for {@code jar}, a file of the Maven repository {@code repository}. */
  static String of(Path jar, Path repository) throws IOException {
    Path pom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
    while (true) {
      String text = Files.readString(pom);
      Matcher licence = LICENSE_NAME.matcher(text);
      if (licence.find()) {
        return licence.group(1);
      }
      Matcher parent = PARENT.matcher(text);
      if (!parent.find()) {
        throw new AssertionError("no licence declared for " + jar + " nor by its parents");
      }
      pom = repository.resolve(parent.group(1).replace('.', '/')).resolve(parent.group(2)).resolve(parent.group(3))
          .resolve(parent.group(2) + "-" + parent.group(3) + ".pom");
    }
  }
}
