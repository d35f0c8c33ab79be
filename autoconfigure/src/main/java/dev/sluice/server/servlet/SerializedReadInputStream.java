package dev.sluice.server.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A Servlet request body stream on which every read, and every read callback of the container,
 * runs one at a time.
 * <p>
 * Spring's Servlet read publisher reads on whichever thread signals demand. While such a read is
 * in progress it ignores the container's {@code onDataAvailable}, and the container calls
 * {@code onDataAvailable} only once after {@code isReady()} has returned {@code false}: when the
 * callback falls inside that window the wake-up is lost and an upload stalls with data waiting
 * (docs/servers.md). Here the container's callbacks are queued and run by whichever thread finds
 * the stream idle, and a readiness check from any other thread is answered {@code false} and
 * turned into a queued callback, so the publisher can never read on two threads at once. A read
 * that fails, as on a malformed chunk, reaches the listener as an error once the callback that
 * read has returned.
 */
public final class SerializedReadInputStream extends ServletInputStream {

	private final ServletInputStream delegate;

	private final Queue<ListenerCall> calls = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	private volatile Thread owner;

	private final Runnable failedReadReported;

	private volatile ReadListener listener;

	private volatile @Nullable IOException failure;

	SerializedReadInputStream(ServletInputStream delegate) {
		this(delegate, () -> {
		});
	}

	/**
	 * Creates the stream.
	 * @param delegate the container's stream
	 * @param failedReadReported called on the container's thread when the container reports an
	 * error to the read listener after a read failed, before the listener hears of it
	 */
	SerializedReadInputStream(ServletInputStream delegate, Runnable failedReadReported) {
		this.delegate = delegate;
		this.failedReadReported = failedReadReported;
	}

	@Override
	public void setReadListener(ReadListener listener) {
		this.listener = listener;
		this.delegate.setReadListener(new SerializingReadListener());
	}

	/**
	 * Reports whether data can be read without blocking. Only the thread that runs the queued
	 * callbacks asks the container; any other thread gets {@code false} and a queued
	 * {@code onDataAvailable}, which reads once nothing else does.
	 */
	@Override
	public boolean isReady() {
		if (this.owner == Thread.currentThread()) {
			return this.failure == null && this.delegate.isReady();
		}
		serially(ReadListener::onDataAvailable);
		return false;
	}

	@Override
	public boolean isFinished() {
		return this.delegate.isFinished();
	}

	@Override
	public int read() throws IOException {
		return this.delegate.read();
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		try {
			return this.delegate.read(bytes, offset, length);
		}
		catch (IOException ex) {
			return failed(ex);
		}
	}

	@Override
	public int read(ByteBuffer buffer) throws IOException {
		try {
			return this.delegate.read(buffer);
		}
		catch (IOException ex) {
			return failed(ex);
		}
	}

	@Override
	public int readLine(byte[] bytes, int offset, int length) throws IOException {
		return this.delegate.readLine(bytes, offset, length);
	}

	@Override
	public int available() throws IOException {
		return this.delegate.available();
	}

	@Override
	public long skip(long n) throws IOException {
		return this.delegate.skip(n);
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	/**
	 * Turns a failed read into an {@code onError} for the listener, queued behind the callback
	 * in progress. Spring's read publisher loses an exception thrown by a read inside its read
	 * loop: it records the error for later but stays in its reading state, which nothing ever
	 * leaves, so the body neither fails nor completes (a malformed chunk then held the upstream
	 * call open until a timeout). Here the read reports nothing read, the stream stops being
	 * ready, the publisher leaves its loop, and the queued {@code onError} fails the body.
	 * Every read runs inside a queued callback, so the {@code onError} runs right after it.
	 */
	private int failed(IOException ex) {
		this.failure = ex;
		serially((listener) -> listener.onError(ex));
		return 0;
	}

	private void serially(ListenerCall call) {
		this.calls.offer(call);
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		for (;;) {
			this.owner = Thread.currentThread();
			try {
				ListenerCall next;
				while ((next = this.calls.poll()) != null) {
					run(next);
				}
			}
			finally {
				this.owner = null;
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void run(ListenerCall call) {
		ReadListener listener = this.listener;
		try {
			call.callOn(listener);
		}
		catch (IOException | RuntimeException ex) {
			listener.onError(ex);
		}
	}

	/**
	 * One callback to make on the application's listener.
	 */
	@FunctionalInterface
	private interface ListenerCall {

		void callOn(ReadListener listener) throws IOException;

	}

	/**
	 * Queues the container's callbacks instead of running them beside a read in progress.
	 */
	private final class SerializingReadListener implements ReadListener {

		@Override
		public void onDataAvailable() {
			serially(ReadListener::onDataAvailable);
		}

		@Override
		public void onAllDataRead() {
			serially(ReadListener::onAllDataRead);
		}

		@Override
		public void onError(Throwable error) {
			if (SerializedReadInputStream.this.failure != null) {
				SerializedReadInputStream.this.failedReadReported.run();
			}
			serially((listener) -> listener.onError(error));
		}

	}

}
