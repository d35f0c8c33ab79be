package dev.sluice.server.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * A Servlet response body stream that stops reaching the container once the request has
 * completed.
 * <p>
 * Spring's Servlet write processor writes on whichever thread delivers a buffer; for a proxied body
 * that is the upstream connection's event loop. When the client goes away, the container completes
 * the request on its own thread and then recycles the request's objects for the next connection. A
 * write already past Spring's own state check can then land in a recycled output buffer: seen as a
 * {@code NullPointerException} in {@code CoyoteOutputStream}, and as a fresh connection closed
 * before its status line (docs/servers.md). Here every call to the container runs under one lock,
 * and {@link #end()}, called from the request's {@code AsyncListener.onComplete} before the
 * container recycles anything, takes the same lock: a write in progress finishes first, and every
 * later one fails with an {@link IOException} without touching the container.
 */
final class CompletionGuardedOutputStream extends ServletOutputStream {

	private final ServletOutputStream delegate;

	private final Object lock;

	private final Runnable afterWritePossible;

	private final Runnable afterError;

	private boolean ended;

	private boolean listening;

	CompletionGuardedOutputStream(ServletOutputStream delegate) {
		this(delegate, new Object(), () -> {
		}, () -> {
		});
	}

	/**
	 * Creates the stream.
	 * @param delegate the container's stream
	 * @param lock the lock every call to the container runs under, shared with the response
	 * @param afterWritePossible runs, not under the lock, after each call of the container to the
	 * write listener's {@code onWritePossible}
	 * @param afterError runs, not under the lock, after the container reported a failed write to
	 * the write listener
	 */
	CompletionGuardedOutputStream(ServletOutputStream delegate, Object lock, Runnable afterWritePossible,
			Runnable afterError) {
		this.delegate = delegate;
		this.lock = lock;
		this.afterWritePossible = afterWritePossible;
		this.afterError = afterError;
	}

	/** Ends the stream: waits for a call in progress, and refuses every later one. */
	void end() {
		synchronized (this.lock) {
			this.ended = true;
		}
	}

	@Override
	public boolean isReady() {
		synchronized (this.lock) {
			return !this.ended && this.delegate.isReady();
		}
	}

	/**
	 * Whether a write listener has been registered: only then may {@link #isReady()} answer
	 * {@code false} and the container call the listener back.
	 */
	boolean isListening() {
		synchronized (this.lock) {
			return this.listening;
		}
	}

	/** Registers the listener with the container; not under the lock, as nothing is written. */
	@Override
	public void setWriteListener(WriteListener listener) {
		this.delegate.setWriteListener(new WriteListener() {

			@Override
			public void onWritePossible() throws IOException {
				try {
					listener.onWritePossible();
				}
				finally {
					CompletionGuardedOutputStream.this.afterWritePossible.run();
				}
			}

			@Override
			public void onError(Throwable failure) {
				try {
					listener.onError(failure);
				}
				finally {
					CompletionGuardedOutputStream.this.afterError.run();
				}
			}

		});
		synchronized (this.lock) {
			this.listening = true;
		}
	}

	@Override
	public void write(int b) throws IOException {
		synchronized (this.lock) {
			checkNotEnded();
			this.delegate.write(b);
		}
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		synchronized (this.lock) {
			checkNotEnded();
			this.delegate.write(bytes, offset, length);
		}
	}

	@Override
	public void write(ByteBuffer buffer) throws IOException {
		synchronized (this.lock) {
			checkNotEnded();
			this.delegate.write(buffer);
		}
	}

	@Override
	public void flush() throws IOException {
		synchronized (this.lock) {
			checkNotEnded();
			this.delegate.flush();
		}
	}

	@Override
	public void close() throws IOException {
		synchronized (this.lock) {
			if (!this.ended) {
				this.delegate.close();
			}
		}
	}

	private void checkNotEnded() throws IOException {
		if (this.ended) {
			throw new IOException("The request has completed; its response takes no more writes");
		}
	}

}
