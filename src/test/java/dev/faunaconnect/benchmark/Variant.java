package dev.faunaconnect.benchmark;

/** One thing the benchmark times, with untimed work before and after each run. */
interface Variant {
  /** The timed part of a run: returns how many documents it read. */
  @FunctionalInterface
  interface Timed {
    int run() throws Exception;
  }

  String name();

  /** Untimed, before each run (e.g. writing the updates a changes run reads). */
  default void before() throws Exception {}

  int run() throws Exception;

  /** Untimed, after each run (e.g. stopping the task). */
  default void after() throws Exception {}

  static Variant of(String name, Timed run) {
    return new Variant() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int run() throws Exception {
        return run.run();
      }
    };
  }
}
