package dev.faunaconnect.localfauna;

/**
 * {@code mvn -q test-compile exec:java@local-fauna [-Dport=8443] [-Dsecret=secret] [-Dseed=sample]}: runs the local
 * Fauna server until killed. With the sample, it prints a read-only key's secret on stderr (stdout keeps its one line).
 */
public final class LocalFaunaMain {
  private LocalFaunaMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(System.getProperty("port", "8443"));
    String secret = System.getProperty("secret", "secret");
    String seed = System.getProperty("seed", "");
    LocalFauna fauna = LocalFauna.builder().port(port).secret(secret).start();
    if ("sample".equals(seed)) {
      SampleData.load(fauna);
      System.err.println("Sample loaded. A key with the read-only role kafka-connect-readonly: FAUNA_SECRET="
          + SampleData.createReadOnlyKey(fauna));
    } else if (!seed.isEmpty()) {
      System.err.println("Unknown seed '" + seed + "': the only seed is 'sample'.");
      fauna.close();
      System.exit(2);
    }
    System.out.println("Local Fauna listening on " + fauna.endpoint());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(fauna::close));
    Thread.currentThread().join();
  }
}
