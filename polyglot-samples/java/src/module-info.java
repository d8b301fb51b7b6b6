/**
 * The Issuetrak API v1 sample client: {@link issuetrak.IssuetrakSigner} signs requests with
 * HMAC-SHA512 (docs/scheme.md), {@link issuetrak.IssuetrakClient} sends them with the JDK's HTTP
 * client, {@link issuetrak.Json} reads and writes their bodies. JDK only.
 */
module issuetrak.sample {
  requires java.net.http;

  exports issuetrak;
}
