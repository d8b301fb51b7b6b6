package dev.itk.runner.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Availability;
import dev.itk.runner.BrokenHarnessException;
import dev.itk.runner.ProcessRunner;
import dev.itk.runner.Runner;
import dev.itk.runner.internal.LineProtocolSession;
import dev.itk.runner.internal.StderrTail;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code container:LANG}: each adapter in its own container, through Testcontainers. The image is
 * built from the implementation folder's {@code Dockerfile} and tagged with a hash of the folder's
 * content (the {@code Dockerfile} included), so it is reused until something in the folder changes.
 * The container runs on the host network; its adapter's standard input and output are bridged to a
 * loopback socket the harness listens on ({@code bash}'s {@code /dev/tcp/127.0.0.1/PORT}), its
 * standard error goes to the report. The bridge's first line is a one-time token the container got
 * in its environment: any other local process that connects to the port is closed, never trusted as
 * the adapter ({@link BridgeListener}). Nothing but 127.0.0.1 is ever addressed. See
 * docs/containers.md.
 */
public final class ContainerRunner implements Runner {
  /**
   * Build outputs left out of the image's build context and of its content hash (as the samples'
   * .dockerignore files do): these folders at any depth. The {@code Dockerfile} and {@code
   * .dockerignore} are in both: they make the image.
   */
  static final Set<String> IGNORED = Set.of("__pycache__", "node_modules");

  /**
   * Build output folders only at the top of the adapter's folder ({@code build/}, {@code target/}).
   */
  static final Set<String> IGNORED_AT_TOP = Set.of("build", "target");

  /**
   * .NET's build output folders, left out only next to a project file ({@code *.csproj}): a folder
   * named {@code bin} elsewhere is source (Rust's {@code src/bin/}, a PHP package's {@code bin/}).
   */
  static final Set<String> IGNORED_NEXT_TO_CSPROJ = Set.of("bin", "obj");

  private static final Duration CONNECT = Duration.ofSeconds(60);

  /** How long one connection to the bridge has to send the token: bash sends it on connecting. */
  private static final Duration TOKEN_LINE = Duration.ofSeconds(5);

  /** Connections queued while another is being checked, so one held open blocks nobody. */
  private static final int BACKLOG = 16;

  private final LineProtocolSession.Limits limits;
  private final Consumer<String> transcript;
  private final Consumer<String> progress;

  /**
   * @param transcript receives every protocol line, as with {@link ProcessRunner}
   * @param progress receives one line per image built or reused, and one per container whose bridge
   *     had connections without its token before its own (none of them says the token)
   */
  public ContainerRunner(Consumer<String> transcript, Consumer<String> progress) {
    this(LineProtocolSession.Limits.DEFAULT, transcript, progress);
  }

  ContainerRunner(
      LineProtocolSession.Limits limits, Consumer<String> transcript, Consumer<String> progress) {
    this.limits = limits;
    this.transcript = transcript;
    this.progress = progress;
  }

  @Override
  public String kind() {
    return "container";
  }

  /** Whether a Docker-API engine answers (Testcontainers' discovery: DOCKER_HOST, sockets). */
  public static Availability engine() {
    try {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        DockerClient client = DockerClientFactory.instance().client();
        var version = client.versionCmd().exec();
        return Availability.yes(
            "engine " + version.getVersion() + " (" + version.getOperatingSystem() + ")");
      }
    } catch (RuntimeException e) {
      return Availability.no(noEngine(e.getMessage()));
    }
    return Availability.no(noEngine("none found"));
  }

  private static String noEngine(String why) {
    return "no container engine answers ("
        + why
        + "); set one up with scripts/container-engine and export what it prints with"
        + " --print-env (docs/containers.md)";
  }

  @Override
  public Availability availability(AdapterManifest manifest) {
    if (!Files.isRegularFile(manifest.folder().resolve("Dockerfile"))) {
      return Availability.no("no Dockerfile in " + manifest.folder());
    }
    return engine();
  }

  /** The image name for a folder: {@code localhost/itk-sample-LANG:HASH}. */
  public static String imageName(AdapterManifest manifest) {
    return "localhost/itk-sample-" + manifest.language() + ":" + contentHash(manifest.folder());
  }

  /**
   * The first 12 hex digits of SHA-256 over the folder's files (relative path and bytes, in path
   * order), leaving out build output ({@link #IGNORED}, {@link #IGNORED_AT_TOP}, {@link
   * #IGNORED_NEXT_TO_CSPROJ}).
   */
  static String contentHash(Path folder) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Path> files = filesOf(folder);
      for (Path f : files) {
        sha.update(
            folder.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(f));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException e) {
      throw new BrokenHarnessException("cannot read " + folder + ": " + e.getMessage(), "", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds the folder's image unless an image with its content hash is there; returns its name. */
  public String image(AdapterManifest manifest) {
    String name = imageName(manifest);
    DockerClient client = DockerClientFactory.instance().client();
    try {
      client.inspectImageCmd(name).exec();
      progress.accept("image " + name + " is current (reused)");
      return name;
    } catch (NotFoundException e) {
      // build it
    }
    progress.accept("building image " + name + " from " + manifest.folder() + "/Dockerfile");
    long t0 = System.nanoTime();
    try {
      ImageFromDockerfile build =
          new ImageFromDockerfile(name, false)
              .withBuildImageCmdModifier(cmd -> cmd.withNetworkMode("host").withPull(false));
      // filesOf includes the Dockerfile: it is added once, like every other file
      for (Path f : filesOf(manifest.folder())) {
        build.withFileFromPath(manifest.folder().relativize(f).toString(), f);
      }
      build.get();
    } catch (RuntimeException e) {
      throw new BrokenHarnessException(
          "container:" + manifest.language() + ": building " + name + " failed: " + rootMessage(e),
          "");
    }
    progress.accept(String.format("built %s in %.0f s", name, (System.nanoTime() - t0) / 1e9));
    return name;
  }

  private static boolean hasProjectFile(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(e -> e.getFileName().toString().endsWith(".csproj"));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> filesOf(Path folder) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(folder)) {
      all.filter(Files::isRegularFile)
          .filter(
              p -> {
                Path relative = folder.relativize(p);
                Path dir = folder;
                for (int i = 0; i < relative.getNameCount() - 1; i++) {
                  String part = relative.getName(i).toString();
                  if (IGNORED.contains(part)
                      || (i == 0 && IGNORED_AT_TOP.contains(part))
                      || (IGNORED_NEXT_TO_CSPROJ.contains(part) && hasProjectFile(dir))) {
                    return false;
                  }
                  dir = dir.resolve(part);
                }
                return true;
              })
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new BrokenHarnessException("cannot read " + folder + ": " + e.getMessage(), "", e);
    }
    return out;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  @Override
  public AdapterSession open(AdapterManifest manifest) {
    String name = kind() + ":" + manifest.language();
    String image = image(manifest);
    StderrTail stderr = StderrTail.collecting();
    String token = BridgeListener.newToken();
    ServerSocket server;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
    } catch (IOException e) {
      throw new BrokenHarnessException(
          name + ": cannot listen on 127.0.0.1: " + e.getMessage(), "");
    }
    BridgeListener listener = new BridgeListener(server, token, TOKEN_LINE);
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add("-c");
    // The token comes from the environment (a command line is visible to every local user) and
    // is unset before the adapter starts, so the adapter never holds it.
    command.add(
        "exec 3<>/dev/tcp/127.0.0.1/"
            + server.getLocalPort()
            + " || exit 97; printf '%s\\n' \"$"
            + BridgeListener.TOKEN_VARIABLE
            + "\" >&3 || exit 97; unset "
            + BridgeListener.TOKEN_VARIABLE
            + "; exec \"$@\" <&3 >&3 3>&-");
    command.add("itk-bridge");
    command.addAll(manifest.adapter());
    @SuppressWarnings("resource")
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withNetworkMode("host")
            .withEnv(BridgeListener.TOKEN_VARIABLE, token)
            .withCommand(command.toArray(String[]::new))
            .withStartupCheckStrategy(new IsRunningStartupCheckStrategy())
            .withLogConsumer(
                (OutputFrame frame) -> {
                  if (frame.getType() == OutputFrame.OutputType.STDERR
                      || frame.getType() == OutputFrame.OutputType.STDOUT) {
                    stderr.append(frame.getUtf8String());
                  }
                });
    Socket socket;
    try {
      container.start();
      socket = listener.accept(CONNECT);
      socket.setTcpNoDelay(true);
    } catch (SocketTimeoutException e) {
      container.stop();
      String refusals = listener.refusals();
      throw new BrokenHarnessException(
          name
              + ": the container did not connect back within "
              + CONNECT.toSeconds()
              + " s"
              + (refusals.isEmpty() ? "" : "; " + refusals),
          stderr.text());
    } catch (IOException | RuntimeException e) {
      container.stop();
      throw new BrokenHarnessException(
          name + ": the container did not start: " + rootMessage(e), stderr.text());
    } finally {
      try {
        server.close();
      } catch (IOException ignored) {
        // nothing to release
      }
    }
    if (listener.refusedCount() > 0) {
      progress.accept(name + ": " + listener.refusals() + " before the container's own connection");
    }
    InputStream in;
    try {
      in = socket.getInputStream();
      return LineProtocolSession.open(
          name,
          manifest.language(),
          "image " + image,
          socket.getOutputStream(),
          in,
          stderr::text,
          new LineProtocolSession.Peer() {
            @Override
            public boolean awaitExit(Duration limit) {
              long deadline = System.nanoTime() + limit.toNanos();
              while (System.nanoTime() < deadline) {
                if (!container.isRunning()) {
                  return true;
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return false;
                }
              }
              return !container.isRunning();
            }

            @Override
            public void kill() {
              try {
                socket.close();
              } catch (IOException ignored) {
                // closing anyway
              }
              container.stop();
            }
          },
          limits,
          transcript);
    } catch (IOException e) {
      container.stop();
      throw new BrokenHarnessException(name + ": the bridge socket failed: " + e.getMessage(), "");
    }
  }
}
