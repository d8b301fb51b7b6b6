package dev.itk.stub.internal;

/**
 * A request the stub refuses with a kit error code; routes throw it, the router answers it.
 *
 * <pre>{@code
 * throw new ApiError(400, "unknown-issue", "issue number 99 does not exist");
 * }</pre>
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private String allow;

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** Names the allowed methods in an {@code Allow} header (for 405). */
  ApiError allowing(String methods) {
    this.allow = methods;
    return this;
  }

  static ApiError invalidArgument(String message) {
    return new ApiError(400, "invalid-argument", message);
  }

  StubResponse toResponse() {
    StubResponse r = StubResponse.error(status, code, getMessage());
    return allow == null ? r : r.withHeader("Allow", allow);
  }
}
