package dev.sluice.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A client on a plain socket, for what a high-level client hides: the exact bytes of a request
 * target, and hanging up at a chosen moment.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private RawHttp(Socket socket) {
		this.socket = socket;
	}

	public static RawHttp connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		return new RawHttp(socket);
	}

	/**
	 * Sends a request head (and no body).
	 * @param method the method
	 * @param target the request target, sent byte for byte
	 * @param headers extra header lines such as {@code "X-A: 1"}
	 * @return this
	 * @throws IOException on a socket error
	 */
	public RawHttp send(String method, String target, String... headers) throws IOException {
		return sendWithHost(method, target, "127.0.0.1", headers);
	}

	/**
	 * Sends a request head (and no body) with a given {@code Host} header.
	 * @param method the method
	 * @param target the request target, sent byte for byte
	 * @param host the {@code Host} header's value, sent byte for byte
	 * @param headers extra header lines such as {@code "X-A: 1"}
	 * @return this
	 * @throws IOException on a socket error
	 */
	public RawHttp sendWithHost(String method, String target, String host, String... headers) throws IOException {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(host).append("\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		head.append("\r\n");
		OutputStream out = this.socket.getOutputStream();
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return this;
	}

	/**
	 * Sends bytes as they are, such as part of a request body.
	 * @param bytes the bytes
	 * @return this
	 * @throws IOException on a socket error
	 */
	public RawHttp write(byte[] bytes) throws IOException {
		OutputStream out = this.socket.getOutputStream();
		out.write(bytes);
		out.flush();
		return this;
	}

	/**
	 * Sends bytes as they are, such as the chunks of a request body.
	 * @param bytes the bytes, one character per byte
	 * @return this
	 * @throws IOException on a socket error
	 */
	public RawHttp write(String bytes) throws IOException {
		return write(bytes.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Reads the status line and headers of the response.
	 * @return the head as text
	 * @throws IOException on a socket error
	 */
	public String readHead() throws IOException {
		InputStream in = this.socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed before the end of the response head: " + head);
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads a body of a known length.
	 * @param length how many bytes, as the response's {@code Content-Length} says
	 * @return the body as text
	 * @throws IOException on a socket error, or if the stream ends first
	 */
	public String readBody(int length) throws IOException {
		byte[] body = this.socket.getInputStream().readNBytes(length);
		if (body.length < length) {
			throw new IOException("Connection closed after " + body.length + " of " + length + " body bytes");
		}
		return new String(body, StandardCharsets.UTF_8);
	}

	/**
	 * Reads up to a number of body bytes.
	 * @param count how many bytes
	 * @return how many were read before the stream ended
	 * @throws IOException on a socket error
	 */
	public int readBytes(int count) throws IOException {
		InputStream in = this.socket.getInputStream();
		byte[] buffer = new byte[8192];
		int total = 0;
		while (total < count) {
			int n = in.read(buffer, 0, Math.min(buffer.length, count - total));
			if (n < 0) {
				break;
			}
			total += n;
		}
		return total;
	}

	/**
	 * Reads at most a number of bytes, fewer if the stream ends first.
	 * @param length the most to read, such as the response's {@code Content-Length}
	 * @return the bytes read before the stream ended, at most {@code length}
	 * @throws IOException on a socket error
	 */
	public byte[] readUpTo(int length) throws IOException {
		return this.socket.getInputStream().readNBytes(length);
	}

	/**
	 * Reads until the server ends the connection, with a close or a reset.
	 * @return the bytes read, one character per byte
	 * @throws IOException on a socket error other than a reset, such as a read timeout when the
	 * server keeps the connection open
	 */
	public String readToEnd() throws IOException {
		InputStream in = this.socket.getInputStream();
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				read.write(buffer, 0, n);
			}
		}
		catch (SocketException ex) {
			if (!"Connection reset".equals(ex.getMessage())) {
				throw ex;
			}
		}
		return read.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Hangs up with an orderly close, as a client that stops a download does: the server sees the
	 * end of the stream, and a reset only when it writes again.
	 * @throws IOException on a socket error
	 */
	public void hangUp() throws IOException {
		this.socket.close();
	}

	/**
	 * Hangs up at once, with a reset rather than an orderly close, as a client that goes away does.
	 */
	@Override
	public void close() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

}
