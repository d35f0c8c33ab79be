import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream that resets every connection mid-body: it answers any request with a 200 that
 * announces 64 KiB, sends 16 KiB, then closes with SO_LINGER 0 so the peer gets a TCP RST.
 * Loopback only. Usage: {@code java ResetUpstream.java PORT}.
 */
public final class ResetUpstream {

	private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
			+ "Content-Length: 65536\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PART = new byte[16384];

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		ExecutorService workers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "reset-upstream");
			thread.setDaemon(true);
			return thread;
		});
		try (ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
			System.out.println("reset upstream on " + server.getLocalSocketAddress());
			while (true) {
				Socket socket = server.accept();
				workers.execute(() -> serve(socket));
			}
		}
	}

	private static void serve(Socket socket) {
		try (socket) {
			socket.setSoTimeout(30_000);
			readHead(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			out.write(HEAD);
			out.write(PART);
			out.flush();
			Thread.sleep(2);
			socket.setSoLinger(true, 0);
		}
		catch (IOException | InterruptedException ex) {
			// The peer went away first: nothing to reset.
		}
	}

	/** Reads up to the blank line that ends a request's head; the soak sends no request bodies here. */
	private static void readHead(InputStream in) throws IOException {
		int matched = 0;
		int b;
		while ((b = in.read()) != -1) {
			matched = switch (b) {
				case '\r' -> (matched == 0 || matched == 2) ? matched + 1 : 1;
				case '\n' -> (matched == 1 || matched == 3) ? matched + 1 : 0;
				default -> 0;
			};
			if (matched == 4) {
				return;
			}
		}
	}

}
