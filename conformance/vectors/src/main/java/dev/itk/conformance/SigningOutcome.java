package dev.itk.conformance;

import java.util.Map;

/**
 * What an implementation under test produced for one valid vector's inputs.
 *
 * @param message the canonical message bytes it signed
 * @param signature the base64 signature it produced
 * @param headers the headers it would send, by name as it spells them
 */
public record SigningOutcome(byte[] message, String signature, Map<String, String> headers) {}
