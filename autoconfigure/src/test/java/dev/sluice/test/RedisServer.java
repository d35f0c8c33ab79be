package dev.sluice.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} on a random loopback port, without persistence, stopped by its PID.
 * When {@code redis-server} is not installed, the repository's {@code .ci/install-redis.sh} installs
 * Debian's package first, so that the tests run as they are on a fresh machine.
 * <p>
 * {@link Running} starts one per test class and publishes its port as the system property
 * {@code test-redis.port}, for a {@link GatewayApp}'s placeholders.
 */
public final class RedisServer implements AutoCloseable {

	/** The system property {@link Running} publishes the port as. */
	public static final String PORT_PROPERTY = "test-redis.port";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static boolean installed;

	private final int port;

	private final Process process;

	private RedisServer(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Starts a Redis server on a free loopback port, installing it first if needed.
	 * @return the running server
	 */
	public static RedisServer start() {
		try {
			return start(freePort());
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port for redis-server", ex);
		}
	}

	/**
	 * Starts a new server on the port of this one, which must have been stopped: a Redis that
	 * comes back after an outage, empty.
	 * @return the new server
	 */
	public RedisServer restart() {
		return start(this.port);
	}

	private static RedisServer start(int port) {
		String executable = executable();
		try {
			Path log = Files.createTempFile("sluice-redis-" + port, ".log");
			Process process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--daemonize", "no")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			RedisServer server = new RedisServer(port, process);
			server.awaitPong(log);
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server could not start", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Sets the port as the system property {@value #PORT_PROPERTY}, until {@link #close()}.
	 * @return this server
	 */
	public RedisServer publish() {
		System.setProperty(PORT_PROPERTY, Integer.toString(this.port));
		return this;
	}

	/**
	 * Sends one command in Redis's inline form and returns the first line of the answer.
	 * @param command the command, such as {@code PING}
	 * @return the answer's first line, such as {@code +PONG}
	 * @throws IOException when Redis cannot be reached
	 */
	public String command(String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}
	}

	/**
	 * Freezes the server's process (SIGSTOP): it keeps its connections and answers nothing, as a
	 * Redis does that hangs.
	 */
	public void freeze() {
		signal("STOP");
	}

	/**
	 * Lets a frozen server's process run again (SIGCONT).
	 */
	public void thaw() {
		signal("CONT");
	}

	/**
	 * Stops the server by its PID and waits for it to exit.
	 */
	@Override
	public void close() {
		if (Integer.toString(this.port).equals(System.getProperty(PORT_PROPERTY))) {
			System.clearProperty(PORT_PROPERTY);
		}
		if (!this.process.isAlive()) {
			return;
		}
		thaw();
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void signal(String signal) {
		run(List.of("kill", "-" + signal, Long.toString(this.process.pid())), "kill -" + signal);
	}

	private void awaitPong(Path log) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited: " + Files.readString(log));
			}
			try {
				if ("+PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			sleep(20);
		}
		close();
		throw new IllegalStateException("redis-server did not answer within " + START_TIMEOUT + ": " + Files.readString(log));
	}

	private static synchronized String executable() {
		String found = onPath("redis-server");
		if (found != null) {
			return found;
		}
		if (!installed) {
			installed = true;
			Path script = installScript();
			run(List.of("bash", script.toString()), script.toString());
		}
		found = onPath("redis-server");
		if (found == null) {
			throw new IllegalStateException("redis-server is not installed and .ci/install-redis.sh did not install it");
		}
		return found;
	}

	private static Path installScript() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path script = dir.resolve(".ci/install-redis.sh");
			if (Files.isRegularFile(script)) {
				return script;
			}
		}
		throw new IllegalStateException("redis-server is not installed and .ci/install-redis.sh was not found above "
				+ Path.of("").toAbsolutePath());
	}

	private static @Nullable String onPath(String name) {
		String path = System.getenv("PATH");
		List<String> dirs = new java.util.ArrayList<>(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin"));
		if (path != null) {
			dirs.addAll(0, List.of(path.split(File.pathSeparator)));
		}
		for (String dir : dirs) {
			File candidate = new File(dir, name);
			if (candidate.isFile() && candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

	private static void run(List<String> command, String what) {
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(what + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(what + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " was interrupted", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts a server before a test class's tests and stops it after, publishing its port as
	 * {@value #PORT_PROPERTY} in between: {@code @ExtendWith(RedisServer.Running.class)}.
	 */
	public static final class Running implements BeforeAllCallback, AfterAllCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Running.class);

		@Override
		public void beforeAll(ExtensionContext context) {
			context.getStore(NAMESPACE).put(RedisServer.class, start().publish());
		}

		@Override
		public void afterAll(ExtensionContext context) {
			RedisServer server = context.getStore(NAMESPACE).remove(RedisServer.class, RedisServer.class);
			if (server != null) {
				server.close();
			}
		}

	}

}
