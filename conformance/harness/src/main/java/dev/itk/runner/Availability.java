package dev.itk.runner;

/**
 * Whether a runner can run an implementation here.
 *
 * @param available whether the runtime is there
 * @param detail the runtime's version line when available; otherwise why not and how to install it
 */
public record Availability(boolean available, String detail) {
  public static Availability yes(String version) {
    return new Availability(true, version);
  }

  public static Availability no(String why) {
    return new Availability(false, why);
  }
}
